using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Multiprocessing.SourceGeneration;

namespace Multiprocessing.Roslyn.Tests.Infrastructure;

/// <summary>
/// Shared plumbing for the <see cref="ProcessTargetGenerator"/> tests: offline references, compilations, a tracked
/// generator driver, golden-text helpers and the cacheability harness (NetEscapades.EnumGenerators' TestHelpers).
/// </summary>
internal static class GeneratorTestHelper
{
    /// <summary>The assembly name <see cref="CSharpSourceGeneratorTest{TSourceGenerator, TVerifier}"/> gives its project.</summary>
    public const string TestProjectName = "TestProject";

    private static readonly MetadataReference MemoryPack =
        MetadataReference.CreateFromFile(typeof(global::MemoryPack.MemoryPackSerializer).Assembly.Location);

    /// <summary>
    /// The net10.0 reference assemblies and the Multiprocessing runtime (<see cref="TestReferences"/>), plus MemoryPack:
    /// generated descriptors register serializer formatters, and a user project gets MemoryPack with the runtime.
    /// </summary>
    public static readonly ImmutableArray<MetadataReference> References =
    [
        .. TestReferences.Framework,
        TestReferences.Runtime,
        MemoryPack,
    ];

    /// <summary>The version the generator stamps in <c>[GeneratedCode]</c>, so golden texts survive version bumps.</summary>
    public static string GeneratorVersion { get; } = typeof(ProcessTargetGenerator).Assembly.GetName().Version!.ToString();

    /// <summary>The <c>[GeneratedCode]</c> line the generator emits.</summary>
    public static string GeneratedCodeAttribute { get; } =
        $"[global::System.CodeDom.Compiler.GeneratedCode(\"Multiprocessing.Generator\", \"{GeneratorVersion}\")]";

    /// <summary>
    /// Suppressed as in a real build: CS1701/CS1702 (the SDK's default NoWarn; MemoryPack is built against an older
    /// System.Runtime) and CS1591 (the test inputs carry no XML docs; the generated files disable it themselves).
    /// </summary>
    public static readonly ImmutableDictionary<string, ReportDiagnostic> SuppressedDiagnostics = new Dictionary<string, ReportDiagnostic>
    {
        ["CS1591"] = ReportDiagnostic.Suppress,
        ["CS1701"] = ReportDiagnostic.Suppress,
        ["CS1702"] = ReportDiagnostic.Suppress,
    }.ToImmutableDictionary();

    /// <summary>Latest language version; XML doc comments are diagnosed, so malformed generated docs fail the tests.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>Every tracking name the generator declares, read from <see cref="TrackingNames"/> by reflection.</summary>
    public static ImmutableArray<string> AllTrackingNames { get; } =
    [
        .. typeof(TrackingNames)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(static f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(static f => (string)f.GetRawConstantValue()!),
    ];

    /// <summary>Adds <see cref="References"/> to a Microsoft.CodeAnalysis.Testing project state.</summary>
    public static void AddReferences(ProjectState state)
    {
        TestReferences.AddTo(state);
        state.AdditionalReferences.Add(MemoryPack);
    }

    /// <summary>Generated text as the generator writes it: LF line endings, ending with a newline, UTF-8.</summary>
    public static SourceText Golden(string text) =>
        SourceText.From(text.ReplaceLineEndings("\n") + "\n", Encoding.UTF8);

    /// <summary>A golden generator test on the offline references that also fails on compiler warnings.</summary>
    public static CSharpSourceGeneratorTest<ProcessTargetGenerator, DefaultVerifier> CreateGoldenTest(params string[] sources)
    {
        var test = new CSharpSourceGeneratorTest<ProcessTargetGenerator, DefaultVerifier>
        {
            ReferenceAssemblies = TestReferences.Net100,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        };
        foreach (string source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        AddReferences(test.TestState);
        test.SolutionTransforms.Add(static (solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            var options = ((CSharpCompilationOptions)project.CompilationOptions!)
                .WithNullableContextOptions(NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(project.CompilationOptions!.SpecificDiagnosticOptions.SetItems(SuppressedDiagnostics));
            return solution.WithProjectCompilationOptions(projectId, options);
        });
        return test;
    }

    public static CSharpCompilation CreateCompilation(
        IEnumerable<string> sources,
        string assemblyName = TestProjectName,
        OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary,
        IEnumerable<MetadataReference>? additionalReferences = null) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select(static (s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            [.. References, .. additionalReferences ?? []],
            new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(SuppressedDiagnostics));

    public static CSharpCompilation CreateCompilation(params string[] sources) => CreateCompilation((IEnumerable<string>)sources);

    /// <summary>A driver that tracks every step, with no output kind disabled (LibraryImport's setup).</summary>
    public static GeneratorDriver CreateTrackingDriver() =>
        CSharpGeneratorDriver.Create(
            [new ProcessTargetGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once: the updated compilation, the generator's own diagnostics and the run result.</summary>
    public static (Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics, GeneratorRunResult Result) RunGenerator(Compilation input)
    {
        var driver = CreateTrackingDriver().RunGeneratorsAndUpdateCompilation(input, out var output, out var diagnostics);
        return (output, diagnostics, driver.GetRunResult().Results.Single());
    }

    /// <summary>The hint names and texts of the generated sources, by hint name.</summary>
    public static IReadOnlyDictionary<string, string> GeneratedTexts(GeneratorRunResult result) =>
        result.GeneratedSources.ToDictionary(static s => s.HintName, static s => s.SourceText.ToString(), StringComparer.Ordinal);

    /// <summary>Errors and warnings of a compilation, formatted for an assertion message.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(static d => d.ToString()));

    /// <summary>The errors and warnings (not hidden or info diagnostics) of <paramref name="compilation"/>.</summary>
    public static ImmutableArray<Diagnostic> ErrorsAndWarnings(Compilation compilation) =>
        [.. compilation.GetDiagnostics().Where(static d => d.Severity >= DiagnosticSeverity.Warning)];

    /// <summary>The outputs of every run of step <paramref name="trackingName"/>, with their reasons.</summary>
    public static ImmutableArray<(object Value, IncrementalStepRunReason Reason)> StepOutputs(GeneratorRunResult result, string trackingName) =>
        result.TrackedSteps.TryGetValue(trackingName, out var steps)
            ? [.. steps.SelectMany(static s => s.Outputs)]
            : [];

    /// <summary>The reasons of the generator's source-output steps (what decides whether a file is regenerated).</summary>
    public static ImmutableArray<IncrementalStepRunReason> SourceOutputReasons(GeneratorRunResult result) =>
        [.. result.TrackedOutputSteps.SelectMany(static kv => kv.Value).SelectMany(static s => s.Outputs).Select(static o => o.Reason)];

    public static string Describe(IEnumerable<(object Value, IncrementalStepRunReason Reason)> outputs) =>
        string.Join(", ", outputs.Select(static o => $"{o.Reason}: {o.Value}"));

    /// <summary>
    /// The cacheability harness: runs the generator on <paramref name="compilation"/> and again on a clone, then checks
    /// that every tracking name ran, produced equal outputs with only <c>Cached</c>/<c>Unchanged</c> reasons on the
    /// second run, that no output holds a Roslyn object, and that every source output was served from the cache.
    /// </summary>
    public static GeneratorRunResult AssertCacheable(Compilation compilation)
    {
        var driver = CreateTrackingDriver().RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        driver = driver.RunGenerators(compilation.Clone());
        var second = driver.GetRunResult().Results.Single();

        Assert.IsNull(first.Exception, first.Exception?.ToString());
        foreach (string name in AllTrackingNames)
        {
            Assert.IsTrue(first.TrackedSteps.ContainsKey(name), $"Step {name} did not run.");
            Assert.IsTrue(second.TrackedSteps.ContainsKey(name), $"Step {name} did not run again.");
            var before = StepOutputs(first, name);
            var after = StepOutputs(second, name);
            CollectionAssert.AreEqual(
                before.Select(static o => o.Value).ToArray(),
                after.Select(static o => o.Value).ToArray(),
                $"Step {name} produced different outputs on an identical run.");
            foreach (var (value, reason) in after)
            {
                Assert.IsTrue(
                    reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"Step {name} output {value} was {reason} on an identical run.");
            }

            foreach (var (value, _) in before)
            {
                AssertHoldsNoRoslynObjects(value, name);
            }
        }

        foreach (var reason in SourceOutputReasons(second))
        {
            Assert.AreEqual(IncrementalStepRunReason.Cached, reason, "A source output was regenerated on an identical run.");
        }

        return first;
    }

    /// <summary>
    /// Walks the object graph of a step output and fails on anything that would root a compilation or defeat caching:
    /// <see cref="Compilation"/>, <see cref="ISymbol"/>, <see cref="SyntaxNode"/>, <see cref="SemanticModel"/>,
    /// <see cref="Location"/>, <see cref="AttributeData"/> or <see cref="SyntaxTree"/>.
    /// </summary>
    public static void AssertHoldsNoRoslynObjects(object? value, string stepName)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Visit(value, stepName);

        void Visit(object? node, string path)
        {
            if (node is null)
            {
                return;
            }

            var type = node.GetType();
            if (type.IsPrimitive || type.IsEnum || node is string or decimal or Type)
            {
                return;
            }

            Assert.IsFalse(
                node is Compilation or ISymbol or SyntaxNode or SemanticModel or Location or AttributeData or SyntaxTree or
                    SyntaxToken or SyntaxReference,
                $"{path} holds a {type.FullName}: pipeline models must not hold Roslyn objects.");

            if (!type.IsValueType && !visited.Add(node))
            {
                return;
            }

            if (node is IEnumerable enumerable)
            {
                int i = 0;
                foreach (object? item in enumerable)
                {
                    Visit(item, $"{path}[{i++}]");
                }
            }

            for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.FieldType.IsPointer || field.FieldType.IsByRefLike)
                    {
                        continue;
                    }

                    Visit(field.GetValue(node), $"{path}.{field.Name}");
                }
            }
        }
    }
}
