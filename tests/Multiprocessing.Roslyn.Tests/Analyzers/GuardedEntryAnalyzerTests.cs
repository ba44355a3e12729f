using Microsoft.CodeAnalysis;
using Multiprocessing.Analyzers;
using Verify = Multiprocessing.Roslyn.Tests.Infrastructure.AnalyzerVerifier<Multiprocessing.Analyzers.Rules.GuardedEntryAnalyzer>;

namespace Multiprocessing.Roslyn.Tests.Analyzers;

[TestClass]
public sealed class GuardedEntryAnalyzerTests
{
    private const string Workers = """
        using Multiprocessing;

        public static partial class Workers
        {
            [ProcessTarget]
            public static int Square(int n) => n * n;
        }
        """;

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult MP0006(int location) =>
        Verify.Diagnostic(DiagnosticDescriptors.EntryPointMustCallGuardFirst).WithLocation(location);

    // fires ----------------------------------------------------------------------------------------------------

    [TestMethod]
    public async Task TopLevelStatementsWithoutGuard_ReportsMP0006OnTheFirstStatement()
    {
        const string program = """
            using System;

            {|#0:Console.WriteLine("parent");|}
            Console.WriteLine("more");
            """;

        // The entry point of a program that starts process targets must call ProcessEntry.Guard() as its first statement: ...
        await Verify.VerifyAsync([program, Workers], OutputKind.ConsoleApplication, MP0006(0));
    }

    [TestMethod]
    public async Task TopLevelStatementsAndTargetsInOneFile_ReportsMP0006()
    {
        const string program = """
            using System;
            using Multiprocessing;

            {|#0:Console.WriteLine(Work.Square(3));|}

            public static partial class Work
            {
                [ProcessTarget]
                public static int Square(int n) => n * n;
            }
            """;

        await Verify.VerifyAsync(program, OutputKind.ConsoleApplication, MP0006(0));
    }

    [TestMethod]
    public async Task MainWithoutGuard_ReportsMP0006OnMain()
    {
        const string program = """
            using System;

            public static class Program
            {
                public static void {|#0:Main|}()
                {
                    Console.WriteLine("parent");
                }
            }
            """;

        await Verify.VerifyAsync([program, Workers], OutputKind.ConsoleApplication, MP0006(0));
    }

    [TestMethod]
    public async Task AsyncMainWithoutGuard_ReportsMP0006()
    {
        const string program = """
            using System.Threading.Tasks;

            public static class Program
            {
                public static async Task<int> {|#0:Main|}(string[] args)
                {
                    await Task.Yield();
                    return args.Length;
                }
            }
            """;

        await Verify.VerifyAsync([program, Workers], OutputKind.ConsoleApplication, MP0006(0));
    }

    [TestMethod]
    public async Task ExpressionBodiedMain_ReportsMP0006()
    {
        const string program = """
            public static class Program
            {
                public static int {|#0:Main|}() => 0;
            }
            """;

        await Verify.VerifyAsync([program, Workers], OutputKind.ConsoleApplication, MP0006(0));
    }

    [TestMethod]
    public async Task ExpressionBodiedMainThatIsTheGuard_IsSilent()
    {
        const string program = """
            public static class Program
            {
                public static void Main() => Multiprocessing.ProcessEntry.Guard();
            }
            """;

        await Verify.VerifyAsync([program, Workers], OutputKind.ConsoleApplication);
    }

    [TestMethod]
    public async Task EmptyMain_ReportsMP0006()
    {
        const string program = """
            public static class Program
            {
                public static void {|#0:Main|}() { }
            }
            """;

        await Verify.VerifyAsync([program, Workers], OutputKind.ConsoleApplication, MP0006(0));
    }

    [TestMethod]
    public async Task GuardNotFirstInTopLevelStatements_ReportsMP0006()
    {
        const string program = """
            using System;
            using Multiprocessing;

            {|#0:Console.WriteLine("runs again in every child");|}
            ProcessEntry.Guard();
            """;

        await Verify.VerifyAsync([program, Workers], OutputKind.ConsoleApplication, MP0006(0));
    }

    [TestMethod]
    public async Task GuardNotFirstInMain_ReportsMP0006()
    {
        const string program = """
            using System;
            using Multiprocessing;

            public static class Program
            {
                public static void {|#0:Main|}(string[] args)
                {
                    Console.WriteLine("runs again in every child");
                    ProcessEntry.Guard();
                }
            }
            """;

        await Verify.VerifyAsync([program, Workers], OutputKind.ConsoleApplication, MP0006(0));
    }

    [TestMethod]
    public async Task GuardInsideAnIf_ReportsMP0006()
    {
        const string program = """
            using Multiprocessing;

            {|#0:if (args.Length == 0)
            {
                ProcessEntry.Guard();
            }|}
            """;

        await Verify.VerifyAsync([program, Workers], OutputKind.ConsoleApplication, MP0006(0));
    }

    [TestMethod]
    public async Task ExecutableThatOnlyCallsAProcessCreatingApi_ReportsMP0006()
    {
        const string program = """
            using Multiprocessing;

            public static class Spawner
            {
                [CreatesProcess]
                public static void Spawn() { }
            }

            public static class Program
            {
                public static void {|#0:Main|}()
                {
                    Spawner.Spawn();
                }
            }
            """;

        await Verify.VerifyAsync(program, OutputKind.ConsoleApplication, MP0006(0));
    }

    [TestMethod]
    public async Task WindowsApplicationWithoutGuard_ReportsMP0006()
    {
        const string program = """
            {|#0:System.Console.WriteLine();|}
            """;

        await Verify.VerifyAsync([program, Workers], OutputKind.WindowsApplication, MP0006(0));
    }

    // silent ---------------------------------------------------------------------------------------------------

    [TestMethod]
    public async Task GuardFirstInTopLevelStatements_NoDiagnostic()
    {
        const string program = """
            using System;
            using Multiprocessing;

            // the guarded entry
            ProcessEntry.Guard();
            Console.WriteLine(Workers.Square(3));
            """;

        await Verify.VerifyAsync([program, Workers], OutputKind.ConsoleApplication);
    }

    [TestMethod]
    public async Task QualifiedGuardAfterLocalFunctionDeclaration_NoDiagnostic()
    {
        const string program = """
            static int Twice(int n) => 2 * n;

            global::Multiprocessing.ProcessEntry.Guard();
            System.Console.WriteLine(Twice(Workers.Square(3)));
            """;

        await Verify.VerifyAsync([program, Workers], OutputKind.ConsoleApplication);
    }

    [TestMethod]
    public async Task GuardFirstInAsyncMain_NoDiagnostic()
    {
        const string program = """
            using System.Threading.Tasks;
            using static Multiprocessing.ProcessEntry;

            public static class Program
            {
                public static async Task<int> Main(string[] args)
                {
                    Guard();
                    await Task.Yield();
                    return Workers.Square(args.Length);
                }
            }
            """;

        await Verify.VerifyAsync([program, Workers], OutputKind.ConsoleApplication);
    }

    [TestMethod]
    public async Task ClassLibraryWithTargets_NoDiagnostic()
    {
        await Verify.VerifyAsync([Workers], OutputKind.DynamicallyLinkedLibrary);
    }

    [TestMethod]
    public async Task ClassLibraryWithAMainMethod_NoDiagnostic()
    {
        const string program = """
            public static class Program
            {
                public static void Main() { }
            }
            """;

        await Verify.VerifyAsync([program, Workers], OutputKind.DynamicallyLinkedLibrary);
    }

    [TestMethod]
    public async Task ExecutableWithoutTargets_NoDiagnostic()
    {
        const string program = """
            using System;

            Console.WriteLine("no process targets here");
            """;

        await Verify.VerifyAsync(program, OutputKind.ConsoleApplication);
    }

    [TestMethod]
    public async Task EntryPointInGeneratedCode_NoDiagnostic()
    {
        const string program = """
            // <auto-generated/>
            public static class Program
            {
                public static void Main() { }
            }
            """;

        await Verify.VerifyAsync([program, Workers], OutputKind.ConsoleApplication);
    }
}
