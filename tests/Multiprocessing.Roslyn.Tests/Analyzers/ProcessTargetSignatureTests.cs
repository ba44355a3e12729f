using Multiprocessing.Analyzers;
using Verify = Multiprocessing.Roslyn.Tests.Infrastructure.AnalyzerVerifier<Multiprocessing.Analyzers.Rules.ProcessTargetDeclarationAnalyzer>;

namespace Multiprocessing.Roslyn.Tests.Analyzers;

/// <summary>MP0003 (signature), MP0005 (duplicate id) and MP0013 (unreachable containing type).</summary>
[TestClass]
public sealed class ProcessTargetSignatureTests
{
    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult MP0003(int location, string target, string why) =>
        Verify.Diagnostic(DiagnosticDescriptors.UnsupportedTargetSignature).WithLocation(location).WithArguments(target, why);

    // MP0003 fires ---------------------------------------------------------------------------------------------

    [TestMethod]
    public async Task GenericTarget_ReportsMP0003()
    {
        const string source = """
            using Multiprocessing;
            public static partial class Workers
            {
                [ProcessTarget]
                public static T {|#0:Echo|}<T>(T value) => value;
            }
            """;

        await Verify.VerifyAsync(source, MP0003(0, "Echo", "is generic: a child process could not choose its type arguments"));
    }

    [TestMethod]
    public async Task AsyncVoidTarget_ReportsMP0003()
    {
        const string source = """
            using System.Threading.Tasks;
            using Multiprocessing;
            public static partial class Workers
            {
                [ProcessTarget]
                public static async void {|#0:Fire|}() => await Task.Yield();
            }
            """;

        await Verify.VerifyAsync(source, MP0003(0, "Fire", "is 'async void': nothing tells the parent when it ends; return Task instead"));
    }

    [TestMethod]
    public async Task RefOutInParameters_ReportMP0003OnTheParameter()
    {
        const string source = """
            using Multiprocessing;
            public static partial class Workers
            {
                [ProcessTarget]
                public static void A(int n, ref int {|#0:total|}) { }

                [ProcessTarget]
                public static void B(out int {|#1:result|}) => result = 1;

                [ProcessTarget]
                public static void C(in int {|#2:value|}) { }
            }
            """;

        const string why = "takes parameter '{0}' by reference (ref, out or in): a child process cannot write back into the parent's variables; return the value instead";
        await Verify.VerifyAsync(
            source,
            MP0003(0, "A", string.Format(why, "total")),
            MP0003(1, "B", string.Format(why, "result")),
            MP0003(2, "C", string.Format(why, "value")));
    }

    [TestMethod]
    public async Task ParamsSpanAndPointerParameters_ReportMP0003()
    {
        const string source = """
            using System;
            using Multiprocessing;
            public static unsafe partial class Workers
            {
                [ProcessTarget]
                public static int Sum(params int[] {|#0:items|}) => items.Length;

                [ProcessTarget]
                public static int Count(ReadOnlySpan<byte> {|#1:bytes|}) => bytes.Length;

                [ProcessTarget]
                public static void Poke(int* {|#2:address|}) { }
            }
            """;

        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<Multiprocessing.Analyzers.Rules.ProcessTargetDeclarationAnalyzer, Microsoft.CodeAnalysis.Testing.DefaultVerifier>
        {
            ReferenceAssemblies = Infrastructure.TestReferences.Net100,
            TestCode = source,
            SolutionTransforms =
            {
                (solution, projectId) => solution.WithProjectCompilationOptions(
                    projectId,
                    ((Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions)solution.GetProject(projectId)!.CompilationOptions!).WithAllowUnsafe(true)),
            },
        };
        Infrastructure.TestReferences.AddUserProjectTo(test.TestState);
        test.ExpectedDiagnostics.Add(MP0003(0, "Sum", "takes a params parameter 'items': the generated Start stub passes arguments one by one; take an array or a list instead"));
        test.ExpectedDiagnostics.Add(MP0003(1, "Count", "takes parameter 'bytes' of ref struct type 'ReadOnlySpan<byte>', which cannot be serialized; take an array instead"));
        test.ExpectedDiagnostics.Add(MP0003(2, "Poke", "takes pointer parameter 'address': an address means nothing in another process"));
        await test.RunAsync();
    }

    [TestMethod]
    public async Task RefReturn_ReportsMP0003()
    {
        const string source = """
            using Multiprocessing;
            public static partial class Workers
            {
                private static int s_value;

                [ProcessTarget]
                public static ref int {|#0:Value|}() => ref s_value;
            }
            """;

        await Verify.VerifyAsync(source, MP0003(0, "Value", "returns by reference: a reference into the child means nothing to the parent"));
    }

    [TestMethod]
    public async Task ArglistTarget_ReportsMP0003()
    {
        const string source = """
            using Multiprocessing;
            public static partial class Workers
            {
                [ProcessTarget]
                public static void {|#0:Log|}(int level, __arglist) { }
            }
            """;

        await Verify.VerifyAsync(source, MP0003(0, "Log", "takes __arglist: the generated Start stub passes arguments one by one; take an array or a list instead"));
    }

    // MP0003 stays silent --------------------------------------------------------------------------------------

    [TestMethod]
    public async Task SupportedSignatures_AreSilent()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Multiprocessing;
            public static partial class Workers
            {
                [ProcessTarget] public static void Nothing() { }
                [ProcessTarget] public static int Sum(int[] items, int start = 0) => start;
                [ProcessTarget] public static async Task WaitAsync(int ms) => await Task.Delay(ms);
                [ProcessTarget] public static async ValueTask<List<string>> WordsAsync(string text) { await Task.Yield(); return new(); }

                // not targets: anything goes
                public static T Echo<T>(T value) => value;
                public static void Bump(ref int n) => n++;
            }
            """;

        await Verify.VerifyAsync(source);
    }

    // MP0005 ----------------------------------------------------------------------------------------------------

    [TestMethod]
    public async Task OverloadedTargets_ReportMP0005OnTheSecond()
    {
        const string source = """
            using Multiprocessing;
            namespace App;
            public static partial class Workers
            {
                [ProcessTarget]
                public static int Square(int n) => n * n;

                [ProcessTarget]
                public static long {|#0:Square|}(long n) => n * n;
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic(DiagnosticDescriptors.DuplicateTargetId).WithLocation(0).WithArguments("Square", "TestProject:App.Workers.Square"));
    }

    [TestMethod]
    public async Task NamesThatDifferOnlyInCase_ReportMP0005()
    {
        const string source = """
            using Multiprocessing;
            namespace App;
            public static partial class Workers
            {
                [ProcessTarget]
                public static void Work() { }

                [ProcessTarget]
                public static void {|#0:work|}() { }
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic(DiagnosticDescriptors.DuplicateTargetId).WithLocation(0).WithArguments("work", "TestProject:App.Workers.Work"));
    }

    [TestMethod]
    public async Task OverloadsAcrossPartialDeclarations_ReportMP0005()
    {
        const string a = """
            using Multiprocessing;
            public static partial class Workers
            {
                [ProcessTarget]
                public static void Work(int n) { }
            }
            """;
        const string b = """
            using Multiprocessing;
            public static partial class Workers
            {
                [ProcessTarget]
                public static void {|#0:Work|}(string name) { }
            }
            """;

        await Verify.VerifyAsync(
            [a, b],
            Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary,
            Verify.Diagnostic(DiagnosticDescriptors.DuplicateTargetId).WithLocation(0).WithArguments("Work", "TestProject:Workers.Work"));
    }

    [TestMethod]
    public async Task SameNameInDifferentTypesOrOverloadWithoutAttribute_IsSilent()
    {
        const string source = """
            using Multiprocessing;
            public static partial class A
            {
                [ProcessTarget] public static void Work(int n) { }
                public static void Work(string s) { }   // an ordinary overload: not a target
            }
            public static partial class B
            {
                [ProcessTarget] public static void Work(int n) { }
            }
            """;

        await Verify.VerifyAsync(source);
    }

    // MP0013 ----------------------------------------------------------------------------------------------------

    [TestMethod]
    public async Task TargetInPrivateOrProtectedNestedType_ReportsMP0013()
    {
        const string source = """
            using Multiprocessing;
            public partial class Outer
            {
                private static partial class Hidden
                {
                    [ProcessTarget]
                    public static void {|#0:Work|}() { }
                }

                protected static partial class Family
                {
                    [ProcessTarget]
                    public static void {|#1:Work|}() { }
                }
            }

            file static partial class Local
            {
                [ProcessTarget]
                public static void {|#2:Work|}() { }
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic(DiagnosticDescriptors.ContainingTypeNotReachable).WithLocation(0).WithArguments("Work", "Outer.Hidden", "private", "its containing type"),
            Verify.Diagnostic(DiagnosticDescriptors.ContainingTypeNotReachable).WithLocation(1).WithArguments("Work", "Outer.Family", "protected", "its containing type"),
            Verify.Diagnostic(DiagnosticDescriptors.ContainingTypeNotReachable).WithLocation(2).WithArguments("Work", "Local", "file-local ('file')", "its containing type"));
    }

    [TestMethod]
    public async Task TargetWithPrivateOrProtectedTypeInItsSignature_ReportsMP0013()
    {
        const string source = """
            using System.Collections.Generic;
            using Multiprocessing;
            public static partial class Payroll
            {
                private enum Grade { Junior, Senior }

                internal enum Band { Low, High }

                [ProcessTarget]
                private static int {|#0:Pay|}(Grade grade) => (int)grade;

                [ProcessTarget]
                private static List<Grade[]> {|#1:Grades|}() => new();

                [ProcessTarget]
                internal static int Banded(Band band) => (int)band;
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic(DiagnosticDescriptors.ContainingTypeNotReachable).WithLocation(0).WithArguments("Pay", "Payroll.Grade", "private", "a type in its signature"),
            Verify.Diagnostic(DiagnosticDescriptors.ContainingTypeNotReachable).WithLocation(1).WithArguments("Grades", "Payroll.Grade", "private", "a type in its signature"));
    }

    [TestMethod]
    public async Task TargetInInternalNestedType_IsSilent()
    {
        const string source = """
            using Multiprocessing;
            public partial class Outer
            {
                internal static partial class Inner
                {
                    [ProcessTarget]
                    public static void Work() { }

                    [ProcessTarget]
                    private static void Secret() { }   // the method itself may be private: the descriptor is generated inside the type
                }
            }
            """;

        await Verify.VerifyAsync(source);
    }
}
