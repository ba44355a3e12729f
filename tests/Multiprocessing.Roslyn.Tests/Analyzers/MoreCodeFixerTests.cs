using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Multiprocessing.Analyzers;
using Multiprocessing.Analyzers.Rules;
using Multiprocessing.CodeFixes.Rules;

namespace Multiprocessing.Roslyn.Tests.Analyzers;

/// <summary>The smaller fixes: MP0003 (async void), MP0007 (move the guard up), MP0009 (remove a stray guard).</summary>
[TestClass]
public sealed class MoreCodeFixerTests
{
    private const string Workers = """
        using Multiprocessing;

        public static partial class Workers
        {
            [ProcessTarget]
            public static int Square(int n) => n * n;
        }
        """;

    [TestMethod]
    public async Task AsyncVoidTarget_BecomesAsyncTask()
    {
        const string source = """
            using Multiprocessing;

            public static partial class Workers
            {
                [ProcessTarget]
                public static async void {|#0:Fire|}(int n) => await System.Threading.Tasks.Task.Delay(n);

                [ProcessTarget]
                public static async void {|#1:Again|}() { }
            }
            """;
        const string fixedSource = """
            using System.Threading.Tasks;
            using Multiprocessing;

            public static partial class Workers
            {
                [ProcessTarget]
                public static async Task Fire(int n) => await System.Threading.Tasks.Task.Delay(n);

                [ProcessTarget]
                public static async Task Again() { }
            }
            """;

        const string why = "is 'async void': nothing tells the parent when it ends; return Task instead";
        await Infrastructure.CodeFixVerifier<ProcessTargetDeclarationAnalyzer, ReturnTaskFromAsyncTargetCodeFixer>.VerifyAsync(source, fixedSource,
            new DiagnosticResult(DiagnosticDescriptors.UnsupportedTargetSignature).WithLocation(0).WithArguments("Fire", why),
            new DiagnosticResult(DiagnosticDescriptors.UnsupportedTargetSignature).WithLocation(1).WithArguments("Again", why));
    }

    [TestMethod]
    public async Task GenericTarget_OffersNoFix()
    {
        const string source = """
            using Multiprocessing;

            public static partial class Workers
            {
                [ProcessTarget]
                public static T {|#0:Echo|}<T>(T value) => value;
            }
            """;

        await Infrastructure.CodeFixVerifier<ProcessTargetDeclarationAnalyzer, ReturnTaskFromAsyncTargetCodeFixer>.VerifyAsync(source, source,
            new DiagnosticResult(DiagnosticDescriptors.UnsupportedTargetSignature).WithLocation(0)
                .WithArguments("Echo", "is generic: a child process could not choose its type arguments"));
    }

    [TestMethod]
    public async Task SpawnsBeforeTheGuard_MoveTheGuardToTheTop()
    {
        const string source = """
            using Multiprocessing;

            public static class Program
            {
                public static async System.Threading.Tasks.Task Main()
                {
                    var a = {|#0:Workers.Targets.Square.Start(1)|};
                    var b = {|#1:Workers.Targets.Square.Start(2)|};
                    ProcessEntry.Guard();
                    System.Console.WriteLine(await a + await b);
                }
            }
            """;
        const string fixedSource = """
            using Multiprocessing;

            public static class Program
            {
                public static async System.Threading.Tasks.Task Main()
                {
                    ProcessEntry.Guard();
                    var a = Workers.Targets.Square.Start(1);
                    var b = Workers.Targets.Square.Start(2);
                    System.Console.WriteLine(await a + await b);
                }
            }
            """;

        const string where = "before ProcessEntry.Guard() in the entry point";
        await Infrastructure.CodeFixVerifier<ProcessCreationAnalyzer, InsertProcessEntryGuardCodeFixer>.VerifyAsync(
            [source, Workers], [fixedSource, Workers], OutputKind.ConsoleApplication, CodeFixTestBehaviors.None, withGenerator: true,
            new DiagnosticResult(DiagnosticDescriptors.ProcessCreationOutsideGuardedEntry).WithLocation(0).WithArguments("Workers.Targets.Square.Start", where),
            new DiagnosticResult(DiagnosticDescriptors.ProcessCreationOutsideGuardedEntry).WithLocation(1).WithArguments("Workers.Targets.Square.Start", where));
    }

    [TestMethod]
    public async Task SpawnInAStaticConstructor_OffersNoFix()
    {
        const string source = """
            public static class Program
            {
                static Program() => {|#0:System.Diagnostics.Process.Start("true")|};

                public static void Main() => Multiprocessing.ProcessEntry.Guard();
            }
            """;

        await Infrastructure.CodeFixVerifier<ProcessCreationAnalyzer, InsertProcessEntryGuardCodeFixer>.VerifyAsync(
            [source, Workers], [source, Workers], OutputKind.ConsoleApplication, CodeFixTestBehaviors.None, withGenerator: true,
            new DiagnosticResult(DiagnosticDescriptors.ProcessCreationOutsideGuardedEntry).WithLocation(0)
                .WithArguments("Process.Start", "in the static constructor of 'Program', which runs before the entry point"));
    }

    [TestMethod]
    public async Task StrayGuard_IsRemoved()
    {
        const string source = """
            using Multiprocessing;

            public static class Setup
            {
                public static void Init()
                {
                    System.Console.WriteLine("a");
                    {|#0:ProcessEntry.Guard()|};
                    System.Console.WriteLine("b");
                }
            }
            """;
        const string fixedSource = """
            using Multiprocessing;

            public static class Setup
            {
                public static void Init()
                {
                    System.Console.WriteLine("a");
                    System.Console.WriteLine("b");
                }
            }
            """;

        await Infrastructure.CodeFixVerifier<ProcessCreationAnalyzer, RemoveGuardOutsideEntryPointCodeFixer>.VerifyAsync(source, fixedSource,
            new DiagnosticResult(DiagnosticDescriptors.GuardOutsideEntryPoint).WithLocation(0));
    }
}
