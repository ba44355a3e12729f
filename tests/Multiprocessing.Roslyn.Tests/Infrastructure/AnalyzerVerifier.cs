using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Multiprocessing.Roslyn.Tests.Infrastructure;

/// <summary>Runs <typeparamref name="TAnalyzer"/> alone (no generator) over test sources with the offline references.</summary>
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

    public static async Task VerifyAsync(string[] sources, OutputKind outputKind, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = TestReferences.Net100,
        };
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        test.TestState.OutputKind = outputKind;
        TestReferences.AddTo(test.TestState);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }
}
