using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Multiprocessing.Analyzers;
using Multiprocessing.Analyzers.Rules;
using Multiprocessing.CodeFixes.Rules;
using Multiprocessing.Roslyn.Tests.Infrastructure;

namespace Multiprocessing.Roslyn.Tests.Analyzers;

/// <summary>Every rule has a help link to its docs page, a fixed category, a tidy title and a release-tracking entry.</summary>
[TestClass]
public sealed class DiagnosticCatalogueTests
{
    private static readonly DiagnosticAnalyzer[] Analyzers = [new ProcessTargetDeclarationAnalyzer(), new GuardedEntryAnalyzer()];

    private static readonly CodeFixProvider[] CodeFixes =
        [new MakeProcessTargetStaticCodeFixer(), new MakeContainingTypePartialCodeFixer(), new InsertProcessEntryGuardCodeFixer()];

    private static readonly string[] Categories = ["Usage", "Design", "Reliability", "Security"];

    private static ImmutableArray<DiagnosticDescriptor> Descriptors =>
        [.. Analyzers.SelectMany(a => a.SupportedDiagnostics)];

    [TestMethod]
    public void Descriptors_HaveTheExpectedIds()
    {
        CollectionAssert.AreEquivalent(
            new[] { DiagnosticIds.ProcessTargetMustBeStatic, DiagnosticIds.ContainingTypeMustBePartial, DiagnosticIds.EntryPointMustCallGuardFirst },
            Descriptors.Select(d => d.Id).ToArray());
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
            StringAssert.StartsWith(File.ReadAllText(page), $"# {descriptor.Id}: {descriptor.Title}");
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
            Assert.IsFalse(string.IsNullOrWhiteSpace(descriptor.Description.ToString(System.Globalization.CultureInfo.InvariantCulture)), descriptor.Id);
            Assert.AreEqual(DiagnosticSeverity.Error, descriptor.DefaultSeverity, descriptor.Id);
            Assert.IsTrue(descriptor.IsEnabledByDefault, descriptor.Id);
        }
    }

    [TestMethod]
    public void GuardedEntryDiagnostic_IsTaggedCompilationEnd()
    {
        CollectionAssert.Contains(
            DiagnosticDescriptors.EntryPointMustCallGuardFirst.CustomTags.ToArray(),
            WellKnownDiagnosticTags.CompilationEnd);
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
