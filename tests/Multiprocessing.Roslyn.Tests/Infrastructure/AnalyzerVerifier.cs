using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Multiprocessing.SourceGeneration;

namespace Multiprocessing.Roslyn.Tests.Infrastructure;

/// <summary>
/// Runs <typeparamref name="TAnalyzer"/> over test sources with the offline references (framework, runtime,
/// MemoryPack). <c>VerifyAsync</c> runs the analyzer alone; <c>VerifyWithGeneratorAsync</c> runs the generator
/// first, as a real build does, so sources can call generated stubs (<c>Workers.Targets.Work.Start(...)</c>) and the
/// analyzer sees (and must ignore) generated code.
/// </summary>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>An expected diagnostic of <paramref name="descriptor"/>; add <c>.WithLocation(0)</c> for <c>{|#0:...|}</c>.</summary>
    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    /// <summary>A class library (the default output kind of the test framework).</summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAsync(source, OutputKind.DynamicallyLinkedLibrary, expected);

    public static Task VerifyAsync(string source, OutputKind outputKind, params DiagnosticResult[] expected) =>
        VerifyAsync([source], outputKind, expected);

    public static Task VerifyAsync(string[] sources, OutputKind outputKind, params DiagnosticResult[] expected) =>
        RunAsync(new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>(), sources, outputKind, expected);

    /// <summary>
    /// A project as MSBuild would compile it: files at the given paths (<c>obj/.../MicrosoftTestingPlatformEntryPoint.cs</c>),
    /// MSBuild properties the analyzers see as <c>build_property.&lt;Name&gt;</c>, and more references (a test framework).
    /// </summary>
    public static Task VerifyProjectAsync(
        (string Path, string Text)[] files,
        OutputKind outputKind,
        IReadOnlyDictionary<string, string>? buildProperties,
        IReadOnlyList<MetadataReference>? references,
        params DiagnosticResult[] expected) =>
        RunAsync(new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>(), [], outputKind, expected, state =>
        {
            foreach (var file in files)
            {
                state.Sources.Add(file);
            }

            if (buildProperties is not null)
            {
                state.AnalyzerConfigFiles.Add(("/.globalconfig", GlobalConfig(buildProperties)));
            }

            if (references is not null)
            {
                state.AdditionalReferences.AddRange(references);
            }
        });

    /// <summary>A global analyzer config file, as the SDK writes one for <c>CompilerVisibleProperty</c> items.</summary>
    public static string GlobalConfig(IReadOnlyDictionary<string, string> buildProperties) =>
        "is_global = true" + Environment.NewLine +
        string.Concat(buildProperties.Select(p => $"build_property.{p.Key} = {p.Value}{Environment.NewLine}"));

    /// <summary>Runs <see cref="ProcessTargetGenerator"/> before the analyzer.</summary>
    public static Task VerifyWithGeneratorAsync(string source, OutputKind outputKind, params DiagnosticResult[] expected) =>
        VerifyWithGeneratorAsync([source], outputKind, expected);

    /// <summary>Runs <see cref="ProcessTargetGenerator"/> before the analyzer.</summary>
    public static Task VerifyWithGeneratorAsync(string[] sources, OutputKind outputKind, params DiagnosticResult[] expected) =>
        RunAsync(new WithGenerator(), sources, outputKind, expected);

    private static async Task RunAsync(
        CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> test,
        string[] sources,
        OutputKind outputKind,
        DiagnosticResult[] expected,
        Action<ProjectState>? configure = null)
    {
        test.ReferenceAssemblies = TestReferences.Net100;
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        test.TestState.OutputKind = outputKind;
        TestReferences.AddUserProjectTo(test.TestState);
        configure?.Invoke(test.TestState);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>The analyzer test with the generator added; its output is not compared (the generator tests do that).</summary>
    private sealed class WithGenerator : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public WithGenerator() => TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;

        protected override IEnumerable<Type> GetSourceGenerators() => [typeof(ProcessTargetGenerator)];
    }
}
