using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Multiprocessing.SourceGeneration;

namespace Multiprocessing.Roslyn.Tests.Infrastructure;

/// <summary>
/// Runs <typeparamref name="TAnalyzer"/> and applies <typeparamref name="TCodeFix"/> one diagnostic at a time and
/// through Fix All (document, project, solution). "No fix offered" is <c>fixedSource == source</c>.
/// </summary>
internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    public static Task VerifyAsync(string source, string fixedSource, params DiagnosticResult[] expected) =>
        VerifyAsync(source, fixedSource, OutputKind.DynamicallyLinkedLibrary, expected);

    public static Task VerifyAsync(string source, string fixedSource, OutputKind outputKind, params DiagnosticResult[] expected) =>
        VerifyAsync(source, fixedSource, outputKind, CodeFixTestBehaviors.None, expected);

    /// <summary>
    /// Pass <see cref="CodeFixTestBehaviors.SkipLocalDiagnosticCheck"/> for a compilation-end (non-local) diagnostic:
    /// the IDE offers its fix once full analysis has computed it.
    /// </summary>
    public static Task VerifyAsync(
        string source,
        string fixedSource,
        OutputKind outputKind,
        CodeFixTestBehaviors behaviors,
        params DiagnosticResult[] expected) =>
        VerifyAsync([source], [fixedSource], outputKind, behaviors, withGenerator: false, expected);

    /// <summary>
    /// Several documents before and after the fix (a fix may edit another file than the diagnostic's); with
    /// <paramref name="withGenerator"/> the generator runs first, so sources can call generated stubs.
    /// </summary>
    public static async Task VerifyAsync(
        string[] sources,
        string[] fixedSources,
        OutputKind outputKind,
        CodeFixTestBehaviors behaviors,
        bool withGenerator,
        params DiagnosticResult[] expected)
    {
        var test = withGenerator ? new WithGenerator() : new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>();
        test.ReferenceAssemblies = TestReferences.Net100;
        test.CodeFixTestBehaviors = behaviors;
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        foreach (var source in fixedSources)
        {
            test.FixedState.Sources.Add(source);
        }

        test.TestState.OutputKind = outputKind;
        test.FixedState.OutputKind = outputKind;
        TestReferences.AddUserProjectTo(test.TestState);
        TestReferences.AddUserProjectTo(test.FixedState);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }

    /// <summary>The code fix test with the generator added; its output is not compared (the generator tests do that).</summary>
    private sealed class WithGenerator : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public WithGenerator() => TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;

        protected override IEnumerable<Type> GetSourceGenerators() => [typeof(ProcessTargetGenerator)];
    }
}
