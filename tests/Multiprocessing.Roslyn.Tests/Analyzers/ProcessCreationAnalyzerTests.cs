using Microsoft.CodeAnalysis;
using Multiprocessing.Analyzers;
using Verify = Multiprocessing.Roslyn.Tests.Infrastructure.AnalyzerVerifier<Multiprocessing.Analyzers.Rules.ProcessCreationAnalyzer>;

namespace Multiprocessing.Roslyn.Tests.Analyzers;

/// <summary>MP0007 (creation in code that re-runs in every child), MP0008 (other static initializers), MP0009 (guard outside the entry point), MP0010 (spawn bomb).</summary>
[TestClass]
public sealed class ProcessCreationAnalyzerTests
{
    private const string Workers = """
        using Multiprocessing;

        public static partial class Workers
        {
            [ProcessTarget]
            public static int Square(int n) => n * n;

            [ProcessTarget]
            public static void Work(string name) { }
        }
        """;

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult MP0007(int location, string api, string where) =>
        Verify.Diagnostic(DiagnosticDescriptors.ProcessCreationOutsideGuardedEntry).WithLocation(location).WithArguments(api, where);

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult MP0008(int location, string api, string where) =>
        Verify.Diagnostic(DiagnosticDescriptors.ProcessCreationInStaticInitializer).WithLocation(location).WithArguments(api, where);

    // MP0007: entry point before the guard -------------------------------------------------------------------------

    [TestMethod]
    public async Task TopLevelSpawnBeforeGuard_ReportsMP0007()
    {
        const string program = """
            using Multiprocessing;

            var early = {|#0:Workers.Targets.Square.Start(2)|};
            ProcessEntry.Guard();
            await early;
            """;

        await Verify.VerifyWithGeneratorAsync([program, Workers], OutputKind.ConsoleApplication,
            MP0007(0, "Workers.Targets.Square.Start", "before ProcessEntry.Guard() in the entry point"));
    }

    [TestMethod]
    public async Task RenamedDescriptorClass_IsNamedAfterItsTarget()
    {
        // a sibling target named WorkTarget takes Work's descriptor class name: Work's class is WorkTarget_
        const string jobs = """
            using Multiprocessing;

            public static partial class Jobs
            {
                [ProcessTarget] public static void Work() { }
                [ProcessTarget] public static void WorkTarget() { }
            }
            """;
        const string program = """
            using Multiprocessing;

            var early = {|#0:Jobs.Targets.Work.Start()|};
            var other = {|#1:Jobs.Targets.WorkTarget.Start()|};
            ProcessEntry.Guard();
            await early;
            await other;
            """;

        await Verify.VerifyWithGeneratorAsync([program, jobs], OutputKind.ConsoleApplication,
            MP0007(0, "Jobs.Targets.Work.Start", "before ProcessEntry.Guard() in the entry point"),
            MP0007(1, "Jobs.Targets.WorkTarget.Start", "before ProcessEntry.Guard() in the entry point"));
    }

    [TestMethod]
    public async Task MainProcessStartBeforeGuard_ReportsMP0007()
    {
        const string program = """
            using System.Diagnostics;
            using Multiprocessing;

            public static class Program
            {
                public static void Main()
                {
                    using (var p = {|#0:Process.Start("true")|}) { }
                    var q = new Process();
                    {|#1:q.Start()|};
                    ProcessEntry.Guard();
                    Process.Start("true")?.Dispose();
                }
            }
            """;

        await Verify.VerifyWithGeneratorAsync([program, Workers], OutputKind.ConsoleApplication,
            MP0007(0, "Process.Start", "before ProcessEntry.Guard() in the entry point"),
            MP0007(1, "Process.Start", "before ProcessEntry.Guard() in the entry point"));
    }

    [TestMethod]
    public async Task AfterTheGuard_OrInALambdaBeforeIt_IsSilent()
    {
        const string program = """
            using System;
            using Multiprocessing;

            Func<ChildProcess> later = () => Workers.Targets.Work.Start("later");   // stored, not run
            ProcessEntry.Guard();
            await Workers.Targets.Square.Start(3);
            await later();
            """;

        await Verify.VerifyWithGeneratorAsync([program, Workers], OutputKind.ConsoleApplication);
    }

    [TestMethod]
    public async Task NoGuardAtAll_IsLeftToMP0006()
    {
        const string program = """
            await Workers.Targets.Square.Start(3);
            """;

        await Verify.VerifyWithGeneratorAsync([program, Workers], OutputKind.ConsoleApplication);
    }

    // MP0007: module initializers, static constructors and initializers -------------------------------------------

    [TestMethod]
    public async Task ModuleInitializer_ReportsMP0007()
    {
        const string source = """
            using System.Runtime.CompilerServices;

            internal static class Startup
            {
                [ModuleInitializer]
                internal static void Init() => {|#0:Workers.Targets.Work.Start("init")|}.Join();
            }
            """;

        await Verify.VerifyWithGeneratorAsync([source, Workers], OutputKind.DynamicallyLinkedLibrary,
            MP0007(0, "Workers.Targets.Work.Start", "in module initializer 'Startup.Init'"));
    }

    [TestMethod]
    public async Task StaticConstructorAndInitializersOfATypeWithTargets_ReportMP0007()
    {
        const string source = """
            using Multiprocessing;

            public static partial class Jobs
            {
                private static readonly ChildProcess s_warmUp = {|#0:Targets.Ping.Start()|};
                public static ChildProcess Other { get; } = {|#1:Targets.Ping.Start()|};

                static Jobs()
                {
                    {|#2:Targets.Ping.Start()|}.Join();
                }

                [ProcessTarget]
                public static void Ping() { }
            }
            """;

        const string what = ", a type that declares process targets";
        await Verify.VerifyWithGeneratorAsync(source, OutputKind.DynamicallyLinkedLibrary,
            MP0007(0, "Jobs.Targets.Ping.Start", "in the initializer of static field 'Jobs.s_warmUp'" + what),
            MP0007(1, "Jobs.Targets.Ping.Start", "in the initializer of static property 'Jobs.Other'" + what),
            MP0007(2, "Jobs.Targets.Ping.Start", "in the static constructor of 'Jobs'" + what));
    }

    [TestMethod]
    public async Task StaticConstructorOfTheEntryPointType_ReportsMP0007()
    {
        const string program = """
            using Multiprocessing;

            public static class Program
            {
                static Program() => {|#0:Workers.Targets.Work.Start("too early")|}.Join();

                public static void Main()
                {
                    ProcessEntry.Guard();
                }
            }
            """;

        await Verify.VerifyWithGeneratorAsync([program, Workers], OutputKind.ConsoleApplication,
            MP0007(0, "Workers.Targets.Work.Start", "in the static constructor of 'Program', which runs before the entry point"));
    }

    // MP0008 ------------------------------------------------------------------------------------------------------

    [TestMethod]
    public async Task StaticInitializationOfAnOrdinaryType_ReportsMP0008()
    {
        const string source = """
            using System.Diagnostics;
            using Multiprocessing;

            public static class Cache
            {
                public static readonly ChildProcess Warm = {|#0:Workers.Targets.Work.Start("warm")|};

                static Cache()
                {
                    {|#1:Process.Start("true")|}?.WaitForExit();
                }
            }
            """;

        await Verify.VerifyWithGeneratorAsync([source, Workers], OutputKind.DynamicallyLinkedLibrary,
            MP0008(0, "Workers.Targets.Work.Start", "in the initializer of static field 'Cache.Warm'"),
            MP0008(1, "Process.Start", "in the static constructor of 'Cache'"));
    }

    [TestMethod]
    public async Task LambdaStoredInAStaticField_InstanceMembersAndTestMethods_AreSilent()
    {
        const string source = """
            using System;
            using System.Threading.Tasks;
            using Multiprocessing;

            public static class Lazy
            {
                public static readonly Func<ChildProcess> Start = () => Workers.Targets.Work.Start("later");
                public static readonly Lazy<ChildProcess> Once = new(() => Workers.Targets.Work.Start("once"));
                public static ChildProcess Now => Workers.Targets.Work.Start("now");   // a getter runs when called
            }

            public sealed class Service
            {
                private readonly ChildProcess _child = Workers.Targets.Work.Start("instance");
                public Service() => Workers.Targets.Work.Start("ctor").Join();
            }

            public sealed class SomeTests
            {
                public async Task Spawns() => await Workers.Targets.Square.Start(2);
            }
            """;

        await Verify.VerifyWithGeneratorAsync([source, Workers], OutputKind.DynamicallyLinkedLibrary);
    }

    // MP0009 ------------------------------------------------------------------------------------------------------

    [TestMethod]
    public async Task GuardOutsideTheEntryPoint_ReportsMP0009()
    {
        const string program = """
            using Multiprocessing;

            ProcessEntry.Guard();
            Helpers.Init();

            public static class Helpers
            {
                public static void Init()
                {
                    {|#0:ProcessEntry.Guard()|};
                }
            }
            """;

        await Verify.VerifyWithGeneratorAsync([program, Workers], OutputKind.ConsoleApplication,
            Verify.Diagnostic(DiagnosticDescriptors.GuardOutsideEntryPoint).WithLocation(0));
    }

    [TestMethod]
    public async Task GuardInALibrary_ReportsMP0009()
    {
        const string source = """
            public static class Setup
            {
                public static void Run() => {|#0:Multiprocessing.ProcessEntry.Guard()|};
            }
            """;

        await Verify.VerifyWithGeneratorAsync(source, OutputKind.DynamicallyLinkedLibrary,
            Verify.Diagnostic(DiagnosticDescriptors.GuardOutsideEntryPoint).WithLocation(0));
    }

    [TestMethod]
    public async Task GuardInMain_IsSilent()
    {
        const string program = """
            using Multiprocessing;

            public static class Program
            {
                public static int Main(string[] args)
                {
                    ProcessEntry.Guard();
                    return 0;
                }
            }
            """;

        await Verify.VerifyWithGeneratorAsync([program, Workers], OutputKind.ConsoleApplication);
    }

    // code in lambdas and local functions runs where it is called ---------------------------------------------------

    [TestMethod]
    public async Task ALambdaRunAtOnceOrALocalFunctionCalledBeforeTheGuard_ReportsMP0007()
    {
        const string program = """
            using System.Linq;
            using Multiprocessing;

            var warm = Enumerable.Range(0, 2).Select(i => {|#0:Workers.Targets.Square.Start(i)|}).ToList();
            var w = StartWarmUp();
            ProcessEntry.Guard();
            w.Join();
            foreach (var c in warm)
            {
                c.Join();
            }

            static ChildProcess StartWarmUp() => {|#1:Workers.Targets.Work.Start("warm")|};
            """;

        await Verify.VerifyWithGeneratorAsync([program, Workers], OutputKind.ConsoleApplication,
            MP0007(0, "Workers.Targets.Square.Start", "before ProcessEntry.Guard() in the entry point"),
            MP0007(1, "Workers.Targets.Work.Start", "before ProcessEntry.Guard() in the entry point"));
    }

    [TestMethod]
    public async Task StaticInitializationThatRunsALambdaOrALocalFunction_ReportsMP0008_StoredOnesAreSilent()
    {
        const string source = """
            using System;
            using System.Threading.Tasks;
            using Multiprocessing;

            public static class Cache
            {
                private static readonly ChildProcess Warm = new Func<ChildProcess>(() => {|#0:Workers.Targets.Work.Start("a")|})();
                private static readonly Lazy<ChildProcess> Later = new(() => Workers.Targets.Work.Start("later"));
                private static Func<ChildProcess>? s_factory;

                static Cache()
                {
                    Task.Run(() => {|#1:Workers.Targets.Work.Start("b")|}.Join());
                    WarmUp();
                    s_factory = () => Workers.Targets.Work.Start("stored");
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => Workers.Targets.Work.Start("exit").Join();

                    static void WarmUp() => {|#2:Workers.Targets.Work.Start("c")|}.Join();
                }

                public static bool Ready => Warm.Pid > 0 && Later.IsValueCreated && s_factory is not null;
            }
            """;

        await Verify.VerifyWithGeneratorAsync([source, Workers], OutputKind.DynamicallyLinkedLibrary,
            MP0008(0, "Workers.Targets.Work.Start", "in the initializer of static field 'Cache.Warm'"),
            MP0008(1, "Workers.Targets.Work.Start", "in the static constructor of 'Cache'"),
            MP0008(2, "Workers.Targets.Work.Start", "in the static constructor of 'Cache'"));
    }

    [TestMethod]
    public async Task ALambdaRunAtOnceInAStaticInitializerOfATypeWithTargets_ReportsMP0007()
    {
        const string source = """
            using System.Linq;
            using Multiprocessing;

            public static partial class Warmers
            {
                public static readonly ChildProcess<int>[] Warm = Enumerable.Range(0, 4).Select(i => {|#0:Targets.Square.Start(i)|}).ToArray();

                [ProcessTarget]
                public static int Square(int n) => n * n;
            }
            """;

        await Verify.VerifyWithGeneratorAsync([source], OutputKind.DynamicallyLinkedLibrary,
            MP0007(0, "Warmers.Targets.Square.Start", "in the initializer of static field 'Warmers.Warm', a type that declares process targets"));
    }

    [TestMethod]
    public async Task AGuardInALocalFunctionOrLambdaOfTheEntryPoint_ReportsMP0009()
    {
        const string program = """
            using System;
            using Multiprocessing;

            Init();
            Action again = () => {|#1:ProcessEntry.Guard()|};
            again();

            static void Init() => {|#0:ProcessEntry.Guard()|};
            """;

        await Verify.VerifyWithGeneratorAsync([program, Workers], OutputKind.ConsoleApplication,
            Verify.Diagnostic(DiagnosticDescriptors.GuardOutsideEntryPoint).WithLocation(0),
            Verify.Diagnostic(DiagnosticDescriptors.GuardOutsideEntryPoint).WithLocation(1));
    }

    // MP0010 ------------------------------------------------------------------------------------------------------

    [TestMethod]
    public async Task TargetStartingItselfUnconditionally_ReportsMP0010()
    {
        const string source = """
            using System.Threading.Tasks;
            using Multiprocessing;

            public static partial class Bombs
            {
                [ProcessTarget]
                public static void Fork() => {|#0:Targets.Fork.Start()|}.Join();

                [ProcessTarget]
                public static async Task<int> Deeper(int n)
                {
                    var child = {|#1:Targets.Deeper.Start(n + 1)|};
                    return await child;
                }

                [ProcessTarget]
                public static async Task<int> Returned(int n)
                {
                    return await {|#2:Targets.Returned.Start(n + 1)|};
                }

                [ProcessTarget]
                public static async Task<int> InTry(int n)
                {
                    try
                    {
                        return await {|#3:Targets.InTry.With(new ProcessOptions()).Start(n + 1)|};
                    }
                    finally
                    {
                    }
                }

                [ProcessTarget]
                public static async Task<int> AfterAnIf(int n)
                {
                    if (n == 0)
                    {
                        System.Console.WriteLine("zero");
                    }

                    return await {|#4:Targets.AfterAnIf.Start(n - 1)|};
                }
            }
            """;

        await Verify.VerifyWithGeneratorAsync(source, OutputKind.DynamicallyLinkedLibrary,
            Verify.Diagnostic(DiagnosticDescriptors.TargetStartsItself).WithLocation(0).WithArguments("Fork"),
            Verify.Diagnostic(DiagnosticDescriptors.TargetStartsItself).WithLocation(1).WithArguments("Deeper"),
            Verify.Diagnostic(DiagnosticDescriptors.TargetStartsItself).WithLocation(2).WithArguments("Returned"),
            Verify.Diagnostic(DiagnosticDescriptors.TargetStartsItself).WithLocation(3).WithArguments("InTry"),
            Verify.Diagnostic(DiagnosticDescriptors.TargetStartsItself).WithLocation(4).WithArguments("AfterAnIf"));
    }

    [TestMethod]
    public async Task ConditionalRecursionAndOtherTargets_AreSilent()
    {
        const string source = """
            using System.Threading.Tasks;
            using Multiprocessing;

            public static partial class Tree
            {
                [ProcessTarget]
                public static async Task<int> Depth(int n)
                {
                    if (n == 0)
                    {
                        return 0;
                    }

                    return await Targets.Depth.Start(n - 1) + 1;
                }

                [ProcessTarget]
                public static async Task<int> Guarded(int n)
                {
                    if (n <= 0) return 0;
                    return await Targets.Guarded.Start(n - 1);
                }

                [ProcessTarget]
                public static async Task<int> Ternary(int n) => n > 0 ? await Targets.Ternary.Start(n - 1) : 0;

                [ProcessTarget]
                public static void Loop(int n)
                {
                    for (var i = 0; i < n; i++)
                    {
                        Targets.Leaf.Start().Join();
                    }
                }

                [ProcessTarget]
                public static void Leaf() => Targets.Other.Start().Join();   // nested spawning of another target is legal

                [ProcessTarget]
                public static void Other() { }
            }
            """;

        await Verify.VerifyWithGeneratorAsync(source, OutputKind.DynamicallyLinkedLibrary);
    }
}
