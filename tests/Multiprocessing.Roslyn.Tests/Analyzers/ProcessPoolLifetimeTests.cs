using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Multiprocessing.Analyzers;
using Fix = Multiprocessing.Roslyn.Tests.Infrastructure.CodeFixVerifier<
    Multiprocessing.Analyzers.Rules.ProcessLifetimeAnalyzer,
    Multiprocessing.CodeFixes.Rules.UsingProcessPoolCodeFixer>;
using Verify = Multiprocessing.Roslyn.Tests.Infrastructure.AnalyzerVerifier<Multiprocessing.Analyzers.Rules.ProcessLifetimeAnalyzer>;

namespace Multiprocessing.Roslyn.Tests.Analyzers;

/// <summary>MP0012 for <c>Multiprocessing.ProcessPool</c>, and its "await using" fix.</summary>
[TestClass]
public sealed class ProcessPoolLifetimeTests
{
    private const string Workers = """
        using Multiprocessing;

        public static partial class Workers
        {
            [ProcessTarget]
            public static int Square(int n) => n * n;
        }
        """;

    private static DiagnosticResult MP0012(int location, string name) =>
        Verify.Diagnostic(DiagnosticDescriptors.ProcessPoolNotDisposed).WithLocation(location).WithArguments(name);

    [TestMethod]
    public async Task PoolNeverDisposed_ReportsMP0012()
    {
        const string source = """
            using System.Linq;
            using System.Threading.Tasks;
            using Multiprocessing;

            public static class Jobs
            {
                public static async Task<int[]> Squares()
                {
                    var pool = {|#0:new ProcessPool(workers: 2)|};
                    return await pool.MapAsync(Workers.Targets.Square, Enumerable.Range(1, 10));
                }

                public static Task<int> OneShot() => {|#1:new ProcessPool()|}.ApplyAsync(Workers.Targets.Square, 3);

                public static void Dropped()
                {
                    {|#2:new ProcessPool(1)|};
                }
            }
            """;

        await Verify.VerifyWithGeneratorAsync([source, Workers], OutputKind.DynamicallyLinkedLibrary,
            MP0012(0, "pool"),
            MP0012(1, "new ProcessPool()"),
            MP0012(2, "new ProcessPool(1)"));
    }

    [TestMethod]
    public async Task PoolDisposedOrHandedOn_IsSilent()
    {
        const string source = """
            using System.Linq;
            using System.Threading.Tasks;
            using Multiprocessing;

            public sealed class Jobs
            {
                private readonly ProcessPool _shared = new(2);   // a field: its owner disposes it

                public static async Task AwaitUsing()
                {
                    await using var pool = new ProcessPool(2);
                    await pool.MapAsync(Workers.Targets.Square, Enumerable.Range(1, 3));
                }

                public static void UsingStatement()
                {
                    using (var pool = new ProcessPool(2))
                    {
                        pool.Map(Workers.Targets.Square, new[] { 1, 2 });
                    }
                }

                public static async Task Explicit()
                {
                    var pool = new ProcessPool(2);
                    try { await pool.ApplyAsync(Workers.Targets.Square, 2); }
                    finally { await pool.DisposeAsync(); }
                }

                public static ProcessPool Create() => new ProcessPool(4);

                public static void Passed() => Consume(new ProcessPool(1));

                private static void Consume(ProcessPool pool) => pool.Dispose();
            }
            """;

        await Verify.VerifyWithGeneratorAsync([source, Workers], OutputKind.DynamicallyLinkedLibrary);
    }

    [TestMethod]
    public async Task Fix_AddsAwaitUsingInAsyncCode_AndUsingInSyncCode()
    {
        const string source = """
            using System.Linq;
            using System.Threading.Tasks;
            using Multiprocessing;

            public static class Jobs
            {
                public static async Task<int[]> Squares()
                {
                    // four workers
                    var pool = {|#0:new ProcessPool(workers: 4)|};
                    return await pool.MapAsync(Workers.Targets.Square, Enumerable.Range(1, 10));
                }

                public static int[] SquaresSync()
                {
                    ProcessPool pool = {|#1:new ProcessPool(2)|};
                    return pool.Map(Workers.Targets.Square, new[] { 1, 2 });
                }

                private static readonly object Gate = new();

                public static async Task<int> UnderALock()
                {
                    await Task.Yield();
                    lock (Gate)
                    {
                        var pool = {|#2:new ProcessPool(2)|};
                        return pool.Map(Workers.Targets.Square, new[] { 3 })[0];
                    }
                }
            }
            """;
        const string fixedSource = """
            using System.Linq;
            using System.Threading.Tasks;
            using Multiprocessing;

            public static class Jobs
            {
                public static async Task<int[]> Squares()
                {
                    // four workers
                    await using var pool = new ProcessPool(workers: 4);
                    return await pool.MapAsync(Workers.Targets.Square, Enumerable.Range(1, 10));
                }

                public static int[] SquaresSync()
                {
                    using ProcessPool pool = new ProcessPool(2);
                    return pool.Map(Workers.Targets.Square, new[] { 1, 2 });
                }

                private static readonly object Gate = new();

                public static async Task<int> UnderALock()
                {
                    await Task.Yield();
                    lock (Gate)
                    {
                        using var pool = new ProcessPool(2);
                        return pool.Map(Workers.Targets.Square, new[] { 3 })[0];
                    }
                }
            }
            """;

        await Fix.VerifyAsync([source, Workers], [fixedSource, Workers], OutputKind.DynamicallyLinkedLibrary, CodeFixTestBehaviors.None, withGenerator: true,
            MP0012(0, "pool"), MP0012(1, "pool"), MP0012(2, "pool"));
    }

    [TestMethod]
    public async Task Fix_InTopLevelStatements_UsesAwaitUsing()
    {
        const string source = """
            using System.Linq;
            using Multiprocessing;

            ProcessEntry.Guard();
            var pool = {|#0:new ProcessPool(2)|};
            System.Console.WriteLine(string.Join(",", pool.Map(Workers.Targets.Square, Enumerable.Range(1, 3))));
            """;
        const string fixedSource = """
            using System.Linq;
            using Multiprocessing;

            ProcessEntry.Guard();
            await using var pool = new ProcessPool(2);
            System.Console.WriteLine(string.Join(",", pool.Map(Workers.Targets.Square, Enumerable.Range(1, 3))));
            """;

        await Fix.VerifyAsync([source, Workers], [fixedSource, Workers], OutputKind.ConsoleApplication, CodeFixTestBehaviors.None, withGenerator: true,
            MP0012(0, "pool"));
    }
}
