using System.Diagnostics;
using System.Globalization;
using System.Text;
using Multiprocessing;
using static BenchResults;

namespace PoolThroughput;

/// <summary>
/// The figures of the anchors' py_pool.py for <see cref="ProcessPool"/>, with the same sizes, order and definitions:
/// start-up timed on its own, then one pool started and warmed (a 1 000-item map) for the rest.
/// </summary>
public static class Bench
{
    private const string Cmd = "benchmarks/run-pool.sh";
    private const int Workers = 2;

    private static readonly string[] AllFigures = ["create_close", "map", "map_cs1000", "apply_async", "apply_sync", "rss"];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["measure", ..])
        {
            Console.Error.WriteLine("usage: PoolThroughput measure [--reps=5] [--variant=NAME] [--n=100000] [--napply=10000] [--nsync=2000] [--only=create_close,map,map_cs1000,apply_async,apply_sync,rss] [--profile]");
            return 2;
        }

        int reps = IntOption(args, "reps", 5);
        int n = IntOption(args, "n", 100_000);
        int nApply = IntOption(args, "napply", 10_000);
        int nSync = IntOption(args, "nsync", 2_000);
        string variant = Variant(args);
        var only = ListOption(args, "only", string.Join(',', AllFigures));
        bool profile = args.Contains("--profile");
        var unknown = only.Except(AllFigures).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"PoolThroughput: unknown figure(s) {string.Join(", ", unknown)}; known: {string.Join(", ", AllFigures)}");
            return 2;
        }

        if (profile)
        {
            SerializationCost(n);
        }

        if (only.Contains("create_close"))
        {
            await CreateCloseAsync(reps, variant);
        }

        if (only.Overlaps(AllFigures.Skip(1)))
        {
            await WarmPoolFiguresAsync(only, reps, variant, n, nApply, nSync, profile);
        }

        return 0;
    }

    /// <summary>py.pool.create_close: Pool(2) + a 2-task map (chunksize 1) + close/join. Ours: new + MapAsync + DisposeAsync.</summary>
    private static async Task CreateCloseAsync(int reps, string variant)
    {
        var values = new List<double>();
        int[] two = [0, 1];
        var one = new MapOptions { ChunkSize = 1 };
        for (int r = 0; r < reps; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            var pool = new ProcessPool(Workers);
            var result = await pool.MapAsync(Work.Targets.Square, two, one);
            await pool.DisposeAsync();
            values.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            Check(result.Length == 2 && result[1] == 1, "create_close map result");
        }

        Emit("mp.pool.create_close", variant, "ms", values, higherIsBetter: false,
            "new ProcessPool(2) + MapAsync(Square, [0,1], ChunkSize=1) + DisposeAsync; the first value includes the parent's cold start of the pool code",
            ("first_ms", values[0]));
    }

    private static async Task WarmPoolFiguresAsync(HashSet<string> only, int reps, string variant, int n, int nApply, int nSync, bool profile)
    {
        await using var pool = new ProcessPool(Workers);
        await pool.MapAsync(Work.Targets.Square, Enumerable.Range(0, 1000).ToArray()); // warm, as py_pool.py
        var rssWarm = Rss.OfAll(pool.WorkerPids);
        var prof = profile ? new Profiler(pool.WorkerPids) : null;

        int[] items = Enumerable.Range(0, n).ToArray();
        long expect = 0;
        foreach (int i in items)
        {
            expect += i * i; // int overflow wraps the same way in Square: compare like with like
        }

        foreach (var (figure, metric, options) in new[]
        {
            ("map", "mp.pool.map", (MapOptions?)null),
            ("map_cs1000", "mp.pool.map.cs1000", new MapOptions { ChunkSize = 1000 }),
        })
        {
            if (!only.Contains(figure))
            {
                continue;
            }

            var values = new List<double>();
            for (int r = 0; r < reps; r++)
            {
                prof?.Begin();
                long t0 = Stopwatch.GetTimestamp();
                var result = await pool.MapAsync(Work.Targets.Square, items, options);
                double s = Stopwatch.GetElapsedTime(t0).TotalSeconds;
                prof?.End(n);
                values.Add(n / s);
                Check(SumOf(result) == expect, "map sum");
            }

            Emit(metric, variant, "tasks/s", values, higherIsBetter: true,
                $"N={n}, {(options is null ? "default (guided) chunking" : "ChunkSize=" + options.ChunkSize)}");
            prof?.Report(metric);
        }

        if (only.Contains("apply_async"))
        {
            var values = new List<double>();
            long expectApply = 0;
            for (int i = 0; i < nApply; i++)
            {
                expectApply += i * i;
            }

            var tasks = new Task<int>[nApply];
            for (int r = 0; r < reps; r++)
            {
                prof?.Begin();
                long t0 = Stopwatch.GetTimestamp();
                for (int i = 0; i < nApply; i++)
                {
                    tasks[i] = pool.ApplyAsync(Work.Targets.Square, i);
                }

                long sum = 0;
                foreach (var t in tasks)
                {
                    sum += await t;
                }

                double s = Stopwatch.GetElapsedTime(t0).TotalSeconds;
                prof?.End(nApply);
                values.Add(nApply / s);
                Check(sum == expectApply, "apply_async sum");
            }

            Emit("mp.pool.apply_async", variant, "tasks/s", values, higherIsBetter: true,
                $"{nApply} ApplyAsync(Square, i) submitted one by one, then awaited all");
            prof?.Report("mp.pool.apply_async");
        }

        if (only.Contains("apply_sync"))
        {
            // py_pool.py's definition: total time of nSync sequential round trips / nSync. Ours awaited (the
            // natural C# call) and blocking (Apply, what Python's pool.apply is); the per-call median rides along.
            foreach (bool blocking in new[] { false, true })
            {
                var values = new List<double>();
                var perCallMedians = new List<double>();
                var perCall = new double[nSync];
                for (int r = 0; r < reps; r++)
                {
                    prof?.Begin();
                    long t0 = Stopwatch.GetTimestamp();
                    for (int i = 0; i < nSync; i++)
                    {
                        long c0 = Stopwatch.GetTimestamp();
                        int v = blocking ? pool.Apply(Work.Targets.Square, i) : await pool.ApplyAsync(Work.Targets.Square, i);
                        perCall[i] = Stopwatch.GetElapsedTime(c0).TotalMicroseconds;
                        if (v != i * i)
                        {
                            Check(false, "apply result");
                        }
                    }

                    double us = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
                    prof?.End(nSync);
                    values.Add(us / nSync);
                    perCallMedians.Add(Median(perCall));
                }

                string metric = blocking ? "mp.pool.apply_blocking_latency" : "mp.pool.apply_sync_latency";
                Emit(metric, variant, "us/task", values, higherIsBetter: false,
                    $"{nSync} sequential {(blocking ? "pool.Apply(Square, i) (blocking)" : "await pool.ApplyAsync(Square, i)")} round trips, total/N (per-call median in per_call_median_us)",
                    ("per_call_median_us", Median(perCallMedians)));
                prof?.Report(metric);
            }
        }

        if (only.Contains("rss"))
        {
            var after = Rss.OfAll(pool.WorkerPids);
            var parent = Rss.Of(Environment.ProcessId);
            Emit("mp.pool.worker_rss", variant, "MiB", [.. after.Select(x => x.VmRss)], higherIsBetter: false,
                "VmRSS of each pool worker (/proc/<pid>/status) after warm-up and the figures above; pss/anon alongside",
                ("pss_mib", Median(after.Select(x => x.Pss))),
                ("rss_anon_mib", Median(after.Select(x => x.RssAnon))),
                ("rss_file_mib", Median(after.Select(x => x.RssFile))),
                ("after_warmup_rss_mib", Median(rssWarm.Select(x => x.VmRss))),
                ("parent_rss_mib", parent.VmRss));
        }
    }

    /// <summary>
    /// --profile: what the parent pays per item, outside the pool, for what a map does per item: write the argument
    /// (the generated WriteArguments, i.e. one MemoryPack call per item) and read the result back (one per item).
    /// </summary>
    private static void SerializationCost(int n)
    {
        var target = Work.Targets.Square;
        double writeNs = double.MaxValue, readNs = double.MaxValue;
        int sink = 0;
        for (int r = 0; r < 7; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            var writer = new Multiprocessing.Serialization.ArgumentWriter();
            for (int i = 0; i < n; i++)
            {
                target.WriteArguments(writer, i);
            }

            writeNs = Math.Min(writeNs, Stopwatch.GetElapsedTime(t0).TotalNanoseconds / n);
            var bytes = writer.WrittenMemory;
            t0 = Stopwatch.GetTimestamp();
            var reader = new Multiprocessing.Serialization.ArgumentReader(bytes.Span);
            for (int i = 0; i < n; i++)
            {
                sink += reader.Read<int>();
            }

            readNs = Math.Min(readNs, Stopwatch.GetElapsedTime(t0).TotalNanoseconds / n);
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"PROFILE serialization in the parent, best of 7 over {n} ints: WriteArguments {writeNs:0.0} ns/item, ArgumentReader.Read<int> {readNs:0.0} ns/item (sink {sink & 1})"));
    }

    private static long SumOf(int[] values)
    {
        long sum = 0;
        foreach (int v in values)
        {
            sum += v;
        }

        return sum;
    }

    private static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"PoolThroughput: wrong result ({what})");
        }
    }

    private static void Emit(string metric, string variant, string unit, List<double> v, bool higherIsBetter, string note, params (string Key, double Value)[] extra) =>
        BenchResults.Emit(Cmd, metric, variant, unit, v, higherIsBetter, note, extra);
}
