using System.Diagnostics;
using System.Globalization;
using System.Text;
using Multiprocessing;
using static BenchResults;

namespace ManagerBench;

/// <summary>
/// The figures of the anchors' py_manager.py for <see cref="ProcessManager"/>, with the same sizes and definitions
/// (a child does <c>d[i] = i</c> for 20 000 keys, then reads them back, timed in the child), plus what Python has no
/// counterpart for: batched <c>SetMany</c>/<c>GetMany</c> of a million items, and atomic updates from several children.
/// </summary>
public static class Bench
{
    private const string Cmd = "benchmarks/run-manager.sh";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["measure", ..])
        {
            Console.Error.WriteLine("usage: ManagerBench measure [--reps=3] [--variant=NAME] [--nops=20000] [--nbatch=1000000] [--clients=4] [--only=single,batch,contended,local]");
            return 2;
        }

        int reps = IntOption(args, "reps", 3);
        int nOps = IntOption(args, "nops", 20_000);
        int nBatch = IntOption(args, "nbatch", 1_000_000);
        int clients = IntOption(args, "clients", 4);
        string variant = Variant(args);
        var only = ListOption(args, "only", "single,batch,contended");

        if (only.Contains("single"))
        {
            await SingleAsync(reps, nOps, variant);
        }

        if (only.Contains("batch"))
        {
            await BatchAsync(reps, nBatch, variant);
        }

        if (only.Contains("contended"))
        {
            await ContendedAsync(reps, nOps, clients, variant);
        }

        if (only.Contains("local"))
        {
            Local(reps, nOps, variant);
        }

        return 0;
    }

    /// <summary>py.manager.start, py.manager.dict_set, py.manager.dict_get.</summary>
    private static async Task SingleAsync(int reps, int n, string variant)
    {
        var starts = new List<double>();
        var sets = new List<double>();
        var gets = new List<double>();
        var firsts = new List<double>();
        for (int r = 0; r < reps; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            var manager = new ProcessManager();
            var d = manager.Dictionary<int, int>();
            starts.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            using (var child = Child.Targets.SetGet.Start(d, n))
            {
                var (set, get, sum, first) = await child;
                Check(sum == (long)n * (n - 1) / 2, "sum of the values read back");
                sets.Add(n / set);
                gets.Add(n / get);
                firsts.Add(first * 1e3);
            }

            Check(d.Count == n, "entries");
            manager.Dispose();
        }

        Emit("mp.manager.start", variant, "ms", starts, higherIsBetter: false, "new ProcessManager() + .Dictionary<int,int>() (no process is started: the creator serves)");
        Emit("mp.manager.dict_set", variant, "ops/s", sets, higherIsBetter: true, $"child: d[i]=i x {n}, timed in child (one round trip each)");
        Emit("mp.manager.dict_get", variant, "ops/s", gets, higherIsBetter: true, $"child: d[i] x {n}, timed in child (one round trip each)");
        Emit("mp.manager.first_op", variant, "ms", firsts, higherIsBetter: false, "the child's first d[0]=0 (connects to the manager; included in dict_set)");
    }

    /// <summary>One SetMany and one GetMany of n items from a child (Python has no batched manager operation).</summary>
    private static async Task BatchAsync(int reps, int n, string variant)
    {
        var sets = new List<double>();
        var gets = new List<double>();
        for (int r = 0; r < reps; r++)
        {
            using var manager = new ProcessManager();
            var d = manager.Dictionary<int, int>();
            using var child = Child.Targets.Batched.Start(d, n);
            var (set, get, sum) = await child;
            Check(sum == (long)n * (n - 1) / 2, "sum of the values read back");
            sets.Add(n / set);
            gets.Add(n / get);
        }

        Emit("mp.manager.set_many", variant, "items/s", sets, higherIsBetter: true, $"child: d.SetMany({n:N0} pairs), one round trip, timed in child");
        Emit("mp.manager.get_many", variant, "items/s", gets, higherIsBetter: true, $"child: d.GetMany({n:N0} keys), one round trip, timed in child");
    }

    /// <summary>Several children incrementing one counter through the manager's atomic update (a process target run on the manager).</summary>
    private static async Task ContendedAsync(int reps, int n, int clients, string variant)
    {
        var rates = new List<double>();
        int each = n / clients;
        for (int r = 0; r < reps; r++)
        {
            using var manager = new ProcessManager();
            var d = manager.Dictionary<string, int>();
            d["counter"] = 0;
            var children = Enumerable.Range(0, clients).Select(_ => Child.Targets.Increments.Start(d, each)).ToList();
            double slowest = 0;
            foreach (var child in children)
            {
                slowest = Math.Max(slowest, await child);
                child.Dispose();
            }

            Check(d["counter"] == each * clients, "no lost update");
            rates.Add(each * clients / slowest);
        }

        Emit("mp.manager.update_contended", variant, "ops/s", rates, higherIsBetter: true,
            $"{clients} children x d.Update(\"counter\", Add, 1) x {each}: total ops / the slowest child's time");
    }

    /// <summary>The same operations from the manager's own process: no transport, the cost of serialization and locking alone.</summary>
    private static void Local(int reps, int n, string variant)
    {
        var sets = new List<double>();
        var gets = new List<double>();
        for (int r = 0; r < reps; r++)
        {
            using var manager = new ProcessManager();
            var d = manager.Dictionary<int, int>();
            var (set, get, sum, _) = Child.SetGet(d, n);
            Check(sum == (long)n * (n - 1) / 2, "sum of the values read back");
            sets.Add(n / set);
            gets.Add(n / get);
        }

        Emit("mp.manager.local_set", variant, "ops/s", sets, higherIsBetter: true, $"the manager's own process: d[i]=i x {n} (dispatched on the caller's thread)");
        Emit("mp.manager.local_get", variant, "ops/s", gets, higherIsBetter: true, $"the manager's own process: d[i] x {n}");
    }

    private static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"benchmark check failed: {what}");
        }
    }

    private static void Emit(string metric, string variant, string unit, List<double> v, bool higherIsBetter, string note, params (string Key, double Value)[] extra) =>
        BenchResults.Emit(Cmd, metric, variant, unit, v, higherIsBetter, note, extra);
}
