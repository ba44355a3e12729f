using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Multiprocessing.Analyzers;
using Multiprocessing.Analyzers.Rules;
using Multiprocessing.CodeFixes.Rules;
using Multiprocessing.Roslyn.Tests.Infrastructure;

namespace Multiprocessing.Roslyn.Tests.Analyzers;

/// <summary>
/// Every rule has a help link to its docs page, a fixed category, a tidy title, the severity of DESIGN.md's
/// catalogue, a release-tracking entry and a row in the docs index. Analyzers and fixers are found by reflection,
/// so a new rule is checked without editing this class.
/// </summary>
[TestClass]
public sealed class DiagnosticCatalogueTests
{
    /// <summary>Every analyzer of the analyzer assembly.</summary>
    internal static readonly DiagnosticAnalyzer[] Analyzers =
    [
        .. typeof(ProcessTargetDeclarationAnalyzer).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!),
    ];

    private static readonly CodeFixProvider[] CodeFixes =
    [
        .. typeof(MakeProcessTargetStaticCodeFixer).Assembly.GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!),
    ];

    private static readonly string[] Categories = ["Usage", "Design", "Reliability", "Security"];

    /// <summary>DESIGN.md's catalogue (MP0013, MP0014 and MP0015 extend it).</summary>
    private static readonly Dictionary<string, DiagnosticSeverity> Severities = new()
    {
        [DiagnosticIds.ProcessTargetMustBeStatic] = DiagnosticSeverity.Error,
        [DiagnosticIds.ContainingTypeMustBePartial] = DiagnosticSeverity.Error,
        [DiagnosticIds.UnsupportedTargetSignature] = DiagnosticSeverity.Error,
        [DiagnosticIds.TypeCannotCrossProcessBoundary] = DiagnosticSeverity.Error,
        [DiagnosticIds.DuplicateTargetId] = DiagnosticSeverity.Error,
        [DiagnosticIds.EntryPointMustCallGuardFirst] = DiagnosticSeverity.Error,
        [DiagnosticIds.ProcessCreationOutsideGuardedEntry] = DiagnosticSeverity.Error,
        [DiagnosticIds.ProcessCreationInStaticInitializer] = DiagnosticSeverity.Warning,
        [DiagnosticIds.GuardOutsideEntryPoint] = DiagnosticSeverity.Warning,
        [DiagnosticIds.TargetStartsItself] = DiagnosticSeverity.Warning,
        [DiagnosticIds.StaticStateIsNotShared] = DiagnosticSeverity.Warning,
        [DiagnosticIds.ProcessNotJoinedOrDisposed] = DiagnosticSeverity.Warning,
        [DiagnosticIds.ContainingTypeNotReachable] = DiagnosticSeverity.Error,
        [DiagnosticIds.TestPlatformGeneratesEntryPoint] = DiagnosticSeverity.Error,
        [DiagnosticIds.TargetsNameTaken] = DiagnosticSeverity.Error,
    };

    private static ImmutableArray<DiagnosticDescriptor> Descriptors =>
        [.. Analyzers.SelectMany(a => a.SupportedDiagnostics)];

    [TestMethod]
    public void Descriptors_CoverTheWholeCatalogue()
    {
        CollectionAssert.AreEquivalent(Severities.Keys.ToArray(), Descriptors.Select(d => d.Id).Distinct().ToArray());
        var constants = typeof(DiagnosticIds).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();
        CollectionAssert.AreEquivalent(Severities.Keys.ToArray(), constants);
    }

    [TestMethod]
    public void Descriptors_HaveTheCatalogueSeverity()
    {
        foreach (var descriptor in Descriptors)
        {
            Assert.AreEqual(Severities[descriptor.Id], descriptor.DefaultSeverity, descriptor.Id);
        }
    }

    [TestMethod]
    public void DescriptorsSharingAnId_AgreeOnTitleCategoryAndSeverity()
    {
        foreach (var group in Descriptors.GroupBy(d => d.Id))
        {
            Assert.AreEqual(1, group.Select(d => (d.Title.ToString(), d.Category, d.DefaultSeverity)).Distinct().Count(), group.Key);
        }
    }

    [TestMethod]
    public void Descriptors_LinkToTheirDocsPage_WhichExists()
    {
        foreach (var descriptor in Descriptors)
        {
            Assert.AreEqual(
                $"https://github.com/multiprocessing-dotnet/multiprocessing/blob/main/docs/diagnostics/{descriptor.Id}.md",
                descriptor.HelpLinkUri);
            var page = Path.Combine(RepositoryPaths.Root, "docs", "diagnostics", descriptor.Id + ".md");
            Assert.IsTrue(File.Exists(page), $"missing {page}");
            var text = File.ReadAllText(page);
            StringAssert.StartsWith(text, $"# {descriptor.Id}: {descriptor.Title}");
            StringAssert.Contains(text, $"**Severity:** {descriptor.DefaultSeverity} · **Category:** {descriptor.Category}", descriptor.Id);
            foreach (var section in new[] { "## Why", "## Non-compliant", "## Compliant", "## Code fix", "## Suppressing" })
            {
                StringAssert.Contains(text, section, $"{descriptor.Id}: {section}");
            }
        }
    }

    [TestMethod]
    public void DocsIndex_ListsEveryRule()
    {
        var index = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics", "README.md"));
        foreach (var descriptor in Descriptors)
        {
            var row = index.SingleOrDefault(l => l.StartsWith($"| [{descriptor.Id}]({descriptor.Id}.md) |", StringComparison.Ordinal));
            Assert.IsNotNull(row, descriptor.Id);
            StringAssert.Contains(row, $"| {descriptor.DefaultSeverity} | {descriptor.Category} | {descriptor.Title} |", descriptor.Id);
        }
    }

    [TestMethod]
    public void Descriptors_AreWellFormed()
    {
        foreach (var descriptor in Descriptors)
        {
            CollectionAssert.Contains(Categories, descriptor.Category, descriptor.Id);
            var title = descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.IsFalse(title.EndsWith('.'), descriptor.Id);
            Assert.IsFalse(descriptor.MessageFormat.ToString(System.Globalization.CultureInfo.InvariantCulture).EndsWith('.'), descriptor.Id);
            Assert.IsFalse(string.IsNullOrWhiteSpace(descriptor.Description.ToString(System.Globalization.CultureInfo.InvariantCulture)), descriptor.Id);
            Assert.IsTrue(descriptor.IsEnabledByDefault, descriptor.Id);
        }
    }

    [TestMethod]
    public void CompilationWideDiagnostics_AreTaggedCompilationEnd()
    {
        CollectionAssert.Contains(DiagnosticDescriptors.EntryPointMustCallGuardFirst.CustomTags.ToArray(), WellKnownDiagnosticTags.CompilationEnd);
        CollectionAssert.Contains(DiagnosticDescriptors.StaticStateIsNotShared.CustomTags.ToArray(), WellKnownDiagnosticTags.CompilationEnd);
        CollectionAssert.Contains(DiagnosticDescriptors.TestPlatformGeneratesEntryPoint.CustomTags.ToArray(), WellKnownDiagnosticTags.CompilationEnd);
    }

    [TestMethod]
    public void Descriptors_AreListedInUnshippedReleases()
    {
        var unshipped = File.ReadAllLines(Path.Combine(
            RepositoryPaths.Root, "analyzers", "Multiprocessing.Analyzers", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in Descriptors)
        {
            var row = unshipped.SingleOrDefault(l => l.StartsWith(descriptor.Id + " ", StringComparison.Ordinal));
            Assert.IsNotNull(row, descriptor.Id);
            StringAssert.StartsWith(row, $"{descriptor.Id} | {descriptor.Category} | {descriptor.DefaultSeverity} |");
        }
    }

    [TestMethod]
    public void CodeFixes_FixRulesTheAnalyzersReport()
    {
        Assert.IsGreaterThanOrEqualTo(7, CodeFixes.Length);
        var ids = Descriptors.Select(d => d.Id).ToHashSet();
        foreach (var fix in CodeFixes)
        {
            Assert.AreSame(WellKnownFixAllProviders.BatchFixer, fix.GetFixAllProvider(), fix.GetType().Name);
            foreach (var id in fix.FixableDiagnosticIds)
            {
                Assert.Contains(id, ids, fix.GetType().Name);
            }
        }
    }
}
