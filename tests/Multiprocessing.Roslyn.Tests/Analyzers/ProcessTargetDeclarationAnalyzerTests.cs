using Multiprocessing.Analyzers;
using Multiprocessing.Analyzers.Rules;
using Multiprocessing.Roslyn.Tests.Infrastructure;
using Verify = Multiprocessing.Roslyn.Tests.Infrastructure.AnalyzerVerifier<Multiprocessing.Analyzers.Rules.ProcessTargetDeclarationAnalyzer>;

namespace Multiprocessing.Roslyn.Tests.Analyzers;

[TestClass]
public sealed class ProcessTargetDeclarationAnalyzerTests
{
    // MP0001 ---------------------------------------------------------------------------------------------------

    [TestMethod]
    public async Task InstanceMethod_ReportsMP0001()
    {
        const string source = """
            using Multiprocessing;

            public partial class Workers
            {
                [ProcessTarget]
                public void {|#0:Work|}(string name) { }
            }
            """;

        // Process target 'Work' must be a static method: a child process has no instance to call it on
        await Verify.VerifyAsync(source, Verify.Diagnostic(DiagnosticDescriptors.ProcessTargetMustBeStatic).WithLocation(0).WithArguments("Work"));
    }

    [TestMethod]
    public async Task AbstractAndVirtualMethods_ReportMP0001()
    {
        const string source = """
            using Multiprocessing;

            public abstract partial class Workers
            {
                [ProcessTarget]
                public abstract void {|#0:Work|}();

                [ProcessTarget]
                public virtual int {|#1:Square|}(int n) => n * n;
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic(DiagnosticDescriptors.ProcessTargetMustBeStatic).WithLocation(0).WithArguments("Work"),
            Verify.Diagnostic(DiagnosticDescriptors.ProcessTargetMustBeStatic).WithLocation(1).WithArguments("Square"));
    }

    [TestMethod]
    public async Task StaticAbstractInterfaceMember_ReportsMP0001()
    {
        const string source = """
            using Multiprocessing;

            public partial interface IWorker
            {
                [ProcessTarget]
                static abstract void {|#0:Work|}();
            }
            """;

        await Verify.VerifyAsync(source, Verify.Diagnostic(DiagnosticDescriptors.ProcessTargetMustBeStatic).WithLocation(0).WithArguments("Work"));
    }

    [TestMethod]
    public async Task LocalFunction_ReportsMP0001()
    {
        const string source = """
            using Multiprocessing;

            public static partial class Workers
            {
                public static void Run()
                {
                    [ProcessTarget]
                    static void {|#0:Local|}() { }

                    Local();
                }
            }
            """;

        await Verify.VerifyAsync(source, Verify.Diagnostic(DiagnosticDescriptors.ProcessTargetMustBeStatic).WithLocation(0).WithArguments("Local"));
    }

    [TestMethod]
    public async Task Lambda_ReportsMP0001OnTheAttribute()
    {
        const string source = """
            using System;
            using Multiprocessing;

            public static partial class Workers
            {
                public static Func<int, int> Square = [{|#0:ProcessTarget|}] (int n) => n * n;
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic(DiagnosticDescriptors.ProcessTargetMustBeStatic).WithLocation(0).WithArguments(ProcessTargetDeclarationAnalyzer.LambdaName));
    }

    [TestMethod]
    public async Task LocalFunctionInTopLevelStatements_ReportsMP0001()
    {
        const string source = """
            using Multiprocessing;

            Work();

            [ProcessTarget]
            static void {|#0:Work|}() { }
            """;

        await Verify.VerifyAsync(
            source,
            Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
            Verify.Diagnostic(DiagnosticDescriptors.ProcessTargetMustBeStatic).WithLocation(0).WithArguments("Work"));
    }

    [TestMethod]
    public async Task InstanceMethodInNonPartialType_ReportsMP0001AndMP0002()
    {
        const string source = """
            using Multiprocessing;

            public class Workers
            {
                [ProcessTarget]
                public void {|#0:Work|}() { }
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic(DiagnosticDescriptors.ProcessTargetMustBeStatic).WithLocation(0).WithArguments("Work"),
            Verify.Diagnostic(DiagnosticDescriptors.ContainingTypeMustBePartial).WithLocation(0).WithArguments("Workers", "Work"));
    }

    // MP0002 ---------------------------------------------------------------------------------------------------

    [TestMethod]
    public async Task StaticMethodInNonPartialClass_ReportsMP0002()
    {
        const string source = """
            using Multiprocessing;

            namespace App;

            public static class Workers
            {
                [ProcessTarget]
                public static int {|#0:Square|}(int n) => n * n;
            }
            """;

        // Type 'Workers' must be partial and non-generic: the generator adds the descriptor of process target 'Square' to it
        await Verify.VerifyAsync(source, Verify.Diagnostic(DiagnosticDescriptors.ContainingTypeMustBePartial).WithLocation(0).WithArguments("Workers", "Square"));
    }

    [TestMethod]
    public async Task PartialTypeNestedInNonPartialType_ReportsMP0002OnTheEnclosingType()
    {
        const string source = """
            using Multiprocessing;

            public class Outer
            {
                public static partial class Inner
                {
                    [ProcessTarget]
                    public static void {|#0:Work|}() { }
                }
            }
            """;

        await Verify.VerifyAsync(source, Verify.Diagnostic(DiagnosticDescriptors.ContainingTypeMustBePartial).WithLocation(0).WithArguments("Outer", "Work"));
    }

    [TestMethod]
    public async Task NonPartialTypeNestedInPartialType_ReportsMP0002OnTheNestedType()
    {
        const string source = """
            using Multiprocessing;

            public partial class Outer
            {
                public static class Inner
                {
                    [ProcessTarget]
                    public static void {|#0:Work|}() { }
                }
            }
            """;

        await Verify.VerifyAsync(source, Verify.Diagnostic(DiagnosticDescriptors.ContainingTypeMustBePartial).WithLocation(0).WithArguments("Outer.Inner", "Work"));
    }

    [TestMethod]
    public async Task GenericPartialType_ReportsMP0002()
    {
        const string source = """
            using Multiprocessing;

            public partial class Box<T>
            {
                [ProcessTarget]
                public static void {|#0:Work|}() { }
            }
            """;

        await Verify.VerifyAsync(source, Verify.Diagnostic(DiagnosticDescriptors.ContainingTypeMustBePartial).WithLocation(0).WithArguments("Box<T>", "Work"));
    }

    [TestMethod]
    public async Task PartialTypeInGenericEnclosingType_ReportsMP0002OnTheNestedType()
    {
        const string source = """
            using Multiprocessing;

            public partial class Outer<T>
            {
                public static partial class Inner
                {
                    [ProcessTarget]
                    public static void {|#0:Work|}() { }
                }
            }
            """;

        await Verify.VerifyAsync(source, Verify.Diagnostic(DiagnosticDescriptors.ContainingTypeMustBePartial).WithLocation(0).WithArguments("Outer<T>.Inner", "Work"));
    }

    [TestMethod]
    public async Task TypeDeclaredPartialInAnotherFile_NoDiagnostic()
    {
        const string first = """
            using Multiprocessing;

            public partial class Workers
            {
                [ProcessTarget]
                public static void Work() { }
            }
            """;
        const string second = """
            public partial class Workers
            {
            }
            """;

        await Verify.VerifyAsync([first, second], Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary);
    }

    // silent ---------------------------------------------------------------------------------------------------

    [TestMethod]
    public async Task ValidTargets_NoDiagnostic()
    {
        const string source = """
            using System.Threading.Tasks;
            using Multiprocessing;

            namespace App
            {
                public static partial class Workers
                {
                    [ProcessTarget]
                    public static void Work(string name, int seconds) { }

                    [ProcessTarget]
                    internal static int Square(int n) => n * n;

                    [ProcessTarget]
                    private static async Task<int> CubeAsync(int n) { await Task.Yield(); return n * n * n; }

                    public static partial class Nested
                    {
                        [ProcessTarget]
                        public static void Deep() { }
                    }
                }

                public readonly partial record struct Point(int X, int Y)
                {
                    [ProcessTarget]
                    public static Point Origin() => new(0, 0);
                }

                public partial interface IWorkers
                {
                    [ProcessTarget]
                    static void Hello() { }
                }
            }
            """;

        await Verify.VerifyAsync(source);
    }

    [TestMethod]
    public async Task InvalidShapesWithoutTheAttribute_NoDiagnostic()
    {
        const string source = """
            using System;

            public class Workers
            {
                public void Work() { }

                public static Func<int, int> Square = (int n) => n * n;
            }

            public class Box<T>
            {
                public static void Work() { }
            }
            """;

        await Verify.VerifyAsync(source);
    }

    [TestMethod]
    public async Task AttributeOfTheSameNameFromAnotherNamespace_NoDiagnostic()
    {
        const string source = """
            namespace Other
            {
                [System.AttributeUsage(System.AttributeTargets.Method)]
                public sealed class ProcessTargetAttribute : System.Attribute { }

                public class Workers
                {
                    [ProcessTarget]
                    public void Work() { }
                }
            }
            """;

        await Verify.VerifyAsync(source);
    }
}
