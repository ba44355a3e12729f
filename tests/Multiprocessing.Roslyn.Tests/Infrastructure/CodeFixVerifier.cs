using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

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
    public static async Task VerifyAsync(
        string source,
        string fixedSource,
        OutputKind outputKind,
        CodeFixTestBehaviors behaviors,
        params DiagnosticResult[] expected)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            ReferenceAssemblies = TestReferences.Net100,
            TestCode = source,
            FixedCode = fixedSource,
            CodeFixTestBehaviors = behaviors,
        };
        test.TestState.OutputKind = outputKind;
        test.FixedState.OutputKind = outputKind;
        TestReferences.AddTo(test.TestState);
        TestReferences.AddTo(test.FixedState);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }
}
