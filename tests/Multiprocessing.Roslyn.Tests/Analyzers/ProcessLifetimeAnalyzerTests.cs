using Microsoft.CodeAnalysis;
using Multiprocessing.Analyzers;
using Verify = Multiprocessing.Roslyn.Tests.Infrastructure.AnalyzerVerifier<Multiprocessing.Analyzers.Rules.ProcessLifetimeAnalyzer>;

namespace Multiprocessing.Roslyn.Tests.Analyzers;

/// <summary>MP0012 for children (the pool form is in <see cref="ProcessPoolLifetimeTests"/>).</summary>
[TestClass]
public sealed class ProcessLifetimeAnalyzerTests
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

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult MP0012(int location, string stub) =>
        Verify.Diagnostic(DiagnosticDescriptors.ChildProcessNotJoined).WithLocation(location).WithArguments(stub);

    [TestMethod]
    public async Task ChildNeverJoined_ReportsMP0012()
    {
        const string source = """
            using System;

            public static class Jobs
            {
                public static void Discarded() => {|#0:Workers.Targets.Work.Start("a")|};

                public static void Statement()
                {
                    {|#1:Workers.Targets.Work.Start("b")|};
                }

                public static async System.Threading.Tasks.Task ExplicitDiscard()
                {
                    _ = {|#2:Workers.Targets.Square.Start(2)|};
                    await System.Threading.Tasks.Task.Yield();
                }

                public static void LookedAtOnly()
                {
                    var child = {|#3:Workers.Targets.Work.Start("c")|};
                    Console.WriteLine($"started {child.Pid} {child.Name}");
                }

                public static int PidOnly() => {|#4:Workers.Targets.Work.Start("d")|}.Pid;
            }
            """;

        await Verify.VerifyWithGeneratorAsync([source, Workers], OutputKind.DynamicallyLinkedLibrary,
            MP0012(0, "Workers.Targets.Work.Start"),
            MP0012(1, "Workers.Targets.Work.Start"),
            MP0012(2, "Workers.Targets.Square.Start"),
            MP0012(3, "Workers.Targets.Work.Start"),
            MP0012(4, "Workers.Targets.Work.Start"));
    }

    [TestMethod]
    public async Task AssignedLaterOrChosenByACondition_ReportsMP0012_UnlessJoined()
    {
        const string source = """
            using System;
            using Multiprocessing;

            public static class Jobs
            {
                public static void AssignedLater()
                {
                    ChildProcess p;
                    p = {|#0:Workers.Targets.Work.Start("a")|};
                    Console.WriteLine(p.Pid);
                }

                public static void Chosen(bool fast)
                {
                    var p = fast ? {|#1:Workers.Targets.Work.Start("a")|} : {|#2:Workers.Targets.Work.Start("b")|};
                    Console.WriteLine(p.Pid);
                }

                public static void AssignedAndJoined(bool fast)
                {
                    ChildProcess p;
                    p = fast ? Workers.Targets.Work.Start("a") : Workers.Targets.Work.Start("b");
                    p.Join();
                }
            }
            """;

        await Verify.VerifyWithGeneratorAsync([source, Workers], OutputKind.DynamicallyLinkedLibrary,
            MP0012(0, "Workers.Targets.Work.Start"),
            MP0012(1, "Workers.Targets.Work.Start"),
            MP0012(2, "Workers.Targets.Work.Start"));
    }

    [TestMethod]
    public async Task JoinedAwaitedDisposedOrHandedOn_IsSilent()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Multiprocessing;

            public static class Jobs
            {
                private static readonly List<ChildProcess> s_all = new();
                private static ChildProcess? s_last;

                public static async Task Awaited() => await Workers.Targets.Square.Start(2);
                public static void Joined() { var c = Workers.Targets.Work.Start("a"); c.Join(); }
                public static async Task JoinedAsync() { var c = Workers.Targets.Work.Start("a"); await c.JoinAsync(); }
                public static void Using() { using var c = Workers.Targets.Work.Start("a"); }
                public static async Task AwaitUsing() { await using var c = Workers.Targets.Work.Start("a"); }
                public static ChildProcess Returned() => Workers.Targets.Work.Start("a");
                public static ChildProcess ReturnedLocal() { var c = Workers.Targets.Work.Start("a"); return c; }
                public static void Stored() { s_last = Workers.Targets.Work.Start("a"); s_all.Add(Workers.Targets.Work.Start("b")); }
                public static void Passed() { var c = Workers.Targets.Work.Start("a"); Watch(c); }
                public static void Captured() { var c = Workers.Targets.Work.Start("a"); Action later = () => c.Join(); later(); }
                public static Func<ChildProcess> Factory() => () => Workers.Targets.Work.Start("a");
                public static void Killed() { var c = Workers.Targets.Work.Start("a"); c.Kill(); }
                public static async Task Chained() => await Workers.Targets.Work.Start("a").JoinAsync();
                public static async Task FireAndForgetInAsync()
                {
                    Workers.Targets.Work.Start("CS4014 reports this one");
                    await Task.Yield();
                }

                public static void Daemon()
                {
                    var d = Workers.Targets.Work.With(new ProcessOptions { Daemon = true }).Start("daemon");
                    Console.WriteLine(d.Pid);
                }

                public static void MaybeDaemon(ProcessOptions options) => Workers.Targets.Work.With(options).Start("unknown");

                private static void Watch(ChildProcess child) { }
            }
            """;

        await Verify.VerifyWithGeneratorAsync([source, Workers], OutputKind.DynamicallyLinkedLibrary);
    }

    [TestMethod]
    public async Task NamedButNotDaemon_ReportsMP0012()
    {
        const string source = """
            using Multiprocessing;

            public static class Jobs
            {
                public static void Named() => {|#0:Workers.Targets.Work.With(new ProcessOptions { Name = "w", Daemon = false }).Start("x")|};
            }
            """;

        await Verify.VerifyWithGeneratorAsync([source, Workers], OutputKind.DynamicallyLinkedLibrary,
            MP0012(0, "Workers.Targets.Work.Start"));
    }

    [TestMethod]
    public async Task TopLevelStatements_LocalNeverJoined_ReportsMP0012()
    {
        const string program = """
            using Multiprocessing;

            ProcessEntry.Guard();
            var p1 = {|#0:Workers.Targets.Work.Start("Worker-1")|};
            var p2 = Workers.Targets.Work.Start("Worker-2");
            System.Console.WriteLine(p1.Pid);
            await p2.JoinAsync();
            """;

        await Verify.VerifyWithGeneratorAsync([program, Workers], OutputKind.ConsoleApplication,
            MP0012(0, "Workers.Targets.Work.Start"));
    }
}
