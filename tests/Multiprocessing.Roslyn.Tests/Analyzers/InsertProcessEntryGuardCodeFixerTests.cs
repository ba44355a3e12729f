using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Multiprocessing.Analyzers;
using Verify = Multiprocessing.Roslyn.Tests.Infrastructure.CodeFixVerifier<
    Multiprocessing.Analyzers.Rules.GuardedEntryAnalyzer,
    Multiprocessing.CodeFixes.Rules.InsertProcessEntryGuardCodeFixer>;

namespace Multiprocessing.Roslyn.Tests.Analyzers;

[TestClass]
public sealed class InsertProcessEntryGuardCodeFixerTests
{
    private const string Workers = """

        public static partial class Workers
        {
            [Multiprocessing.ProcessTarget]
            public static int Square(int n) => n * n;
        }
        """;

    private static DiagnosticResult MP0006(int location) =>
        Verify.Diagnostic(DiagnosticDescriptors.EntryPointMustCallGuardFirst).WithLocation(location);

    /// <summary>MP0006 is reported at compilation end, so it is not local: the library's locality check does not apply.</summary>
    private static Task VerifyAsync(string source, string fixedSource) =>
        Verify.VerifyAsync(source, fixedSource, OutputKind.ConsoleApplication, CodeFixTestBehaviors.SkipLocalDiagnosticCheck, MP0006(0));

    [TestMethod]
    public async Task TopLevelStatementsWithUsing_InsertsGuardFirst()
    {
        const string source = """
            using System;
            using Multiprocessing;

            {|#0:Console.WriteLine(Workers.Square(3));|}
            Console.WriteLine("done");
            """ + Workers;
        const string fixedSource = """
            using System;
            using Multiprocessing;

            ProcessEntry.Guard();
            Console.WriteLine(Workers.Square(3));
            Console.WriteLine("done");
            """ + Workers;

        await VerifyAsync(source, fixedSource);
    }

    [TestMethod]
    public async Task TopLevelStatementsWithoutUsing_AddsUsingAndInsertsGuard()
    {
        const string source = """
            using System;

            // comment about the first line
            {|#0:Console.WriteLine(Workers.Square(3));|}
            """ + Workers;
        const string fixedSource = """
            using System;
            using Multiprocessing;

            ProcessEntry.Guard();
            // comment about the first line
            Console.WriteLine(Workers.Square(3));
            """ + Workers;

        await VerifyAsync(source, fixedSource);
    }

    [TestMethod]
    public async Task TopLevelStatementsWithGuardLater_MovesTheGuardFirst()
    {
        const string source = """
            using System;
            using Multiprocessing;

            {|#0:Console.WriteLine("runs again in every child");|}
            // the guarded entry
            ProcessEntry.Guard();
            Console.WriteLine(Workers.Square(3));
            """ + Workers;
        const string fixedSource = """
            using System;
            using Multiprocessing;

            // the guarded entry
            ProcessEntry.Guard();
            Console.WriteLine("runs again in every child");
            Console.WriteLine(Workers.Square(3));
            """ + Workers;

        await VerifyAsync(source, fixedSource);
    }

    [TestMethod]
    public async Task Main_InsertsGuardFirst()
    {
        const string source = """
            using System;
            using Multiprocessing;

            public static class Program
            {
                public static void {|#0:Main|}()
                {
                    // say hello
                    Console.WriteLine(Workers.Square(3));
                }
            }
            """ + Workers;
        const string fixedSource = """
            using System;
            using Multiprocessing;

            public static class Program
            {
                public static void Main()
                {
                    ProcessEntry.Guard();
                    // say hello
                    Console.WriteLine(Workers.Square(3));
                }
            }
            """ + Workers;

        await VerifyAsync(source, fixedSource);
    }

    [TestMethod]
    public async Task AsyncMainInNamespaceWithoutUsing_AddsUsingAndInsertsGuard()
    {
        const string source = """
            using System.Threading.Tasks;

            namespace App
            {
                public static class Program
                {
                    public static async Task<int> {|#0:Main|}(string[] args)
                    {
                        await Task.Yield();
                        return Workers.Square(args.Length);
                    }
                }
            }
            """ + Workers;
        const string fixedSource = """
            using System.Threading.Tasks;
            using Multiprocessing;

            namespace App
            {
                public static class Program
                {
                    public static async Task<int> Main(string[] args)
                    {
                        ProcessEntry.Guard();
                        await Task.Yield();
                        return Workers.Square(args.Length);
                    }
                }
            }
            """ + Workers;

        await VerifyAsync(source, fixedSource);
    }

    [TestMethod]
    public async Task MainWithGuardLater_MovesTheGuardFirst()
    {
        const string source = """
            using System;

            public static class Program
            {
                public static void {|#0:Main|}(string[] args)
                {
                    Console.WriteLine("runs again in every child");
                    Multiprocessing.ProcessEntry.Guard();
                    Console.WriteLine(Workers.Square(args.Length));
                }
            }
            """ + Workers;
        const string fixedSource = """
            using System;

            public static class Program
            {
                public static void Main(string[] args)
                {
                    Multiprocessing.ProcessEntry.Guard();
                    Console.WriteLine("runs again in every child");
                    Console.WriteLine(Workers.Square(args.Length));
                }
            }
            """ + Workers;

        await VerifyAsync(source, fixedSource);
    }

    [TestMethod]
    public async Task TwoSpaceIndentation_IsKept()
    {
        const string source = """
            using System;
            using Multiprocessing;

            namespace App
            {
              public static class Program
              {
                public static void {|#0:Main|}()
                {
                  Console.WriteLine(Workers.Square(2));
                  Console.WriteLine(1);
                }
              }
            }
            """ + Workers;
        const string fixedSource = """
            using System;
            using Multiprocessing;

            namespace App
            {
              public static class Program
              {
                public static void Main()
                {
                  ProcessEntry.Guard();
                  Console.WriteLine(Workers.Square(2));
                  Console.WriteLine(1);
                }
              }
            }
            """ + Workers;

        await VerifyAsync(source, fixedSource);
    }

    [TestMethod]
    public async Task CrlfLineEndings_AreKept()
    {
        const string source = "using System;\r\nusing Multiprocessing;\r\n\r\npublic static class Program\r\n{\r\n    public static void {|#0:Main|}()\r\n    {\r\n        Console.WriteLine(Workers.Square(2));\r\n    }\r\n}\r\n" + Workers;
        const string fixedSource = "using System;\r\nusing Multiprocessing;\r\n\r\npublic static class Program\r\n{\r\n    public static void Main()\r\n    {\r\n        ProcessEntry.Guard();\r\n        Console.WriteLine(Workers.Square(2));\r\n    }\r\n}\r\n" + Workers;

        await VerifyAsync(source, fixedSource);
    }

    [TestMethod]
    public async Task MovingTheGuard_KeepsItsCommentAndLeavesDirectivesWhereTheyWere()
    {
        const string source = """
            using System;
            using Multiprocessing;

            {|#0:Console.WriteLine("a");|}
            #if DEBUG
            Console.WriteLine("debug");
            #endif
            ProcessEntry.Guard(); // children stop here
            Console.WriteLine(Workers.Square(2));
            """ + Workers;
        const string fixedSource = """
            using System;
            using Multiprocessing;

            ProcessEntry.Guard(); // children stop here
            Console.WriteLine("a");
            #if DEBUG
            Console.WriteLine("debug");
            #endif
            Console.WriteLine(Workers.Square(2));
            """ + Workers;

        await VerifyAsync(source, fixedSource);
    }

    [TestMethod]
    public async Task EmptyMain_InsertsGuard()
    {
        const string source = """
            using Multiprocessing;

            public static class Program
            {
                public static void {|#0:Main|}()
                {
                }
            }
            """ + Workers;
        const string fixedSource = """
            using Multiprocessing;

            public static class Program
            {
                public static void Main()
                {
                    ProcessEntry.Guard();
                }
            }
            """ + Workers;

        await VerifyAsync(source, fixedSource);
    }

    [TestMethod]
    public async Task NamespaceFromAGlobalUsingElsewhere_InsertsOnlyTheGuard()
    {
        const string source = """
            {|#0:System.Console.WriteLine(Workers.Square(3));|}
            System.Console.WriteLine("done");

            """;
        const string fixedSource = """
            ProcessEntry.Guard();
            System.Console.WriteLine(Workers.Square(3));
            System.Console.WriteLine("done");

            """;

        await VerifyWithGlobalUsingAsync(source, fixedSource);
    }

    [TestMethod]
    public Task OneLineWithoutALineBreak_GetsTheGuardOnALineOfItsOwn() =>
        VerifyWithGlobalUsingAsync(
            "{|#0:System.Console.WriteLine(Workers.Square(3));|}",
            "ProcessEntry.Guard();\r\nSystem.Console.WriteLine(Workers.Square(3));");

    /// <summary>The program in one file; <c>global using Multiprocessing;</c> and the targets in another.</summary>
    private static Task VerifyWithGlobalUsingAsync(string source, string fixedSource)
    {
        const string usings = "global using Multiprocessing;" + Workers;
        return Verify.VerifyAsync(
            [source, usings],
            [fixedSource, usings],
            OutputKind.ConsoleApplication,
            CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
            withGenerator: false,
            MP0006(0));
    }

    [TestMethod]
    public async Task ExpressionBodiedMain_NoFixOffered()
    {
        const string source = """
            public static class Program
            {
                public static int {|#0:Main|}() => Workers.Square(2);
            }
            """ + Workers;

        await VerifyAsync(source, source);
    }
}
