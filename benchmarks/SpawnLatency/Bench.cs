using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SpawnLatency;

/// <summary>The parent side: times each kind of start from this one process, interleaved so drift hits all alike.</summary>
public static class Bench
{
    private const string Cmd = "benchmarks/run-spawn.sh";

    /// <summary>One timed start; with profiling on, also when Process.Start returned and the child's pid.</summary>
    private readonly record struct Sample(double Ms, long T0, long Started, long Done, int Pid);

    private sealed class Series(string metric, string note)
    {
        public string Metric { get; } = metric;
        public string Note { get; } = note;
        public List<Sample> Samples { get; } = [];
        public double FirstMs { get; set; } = double.NaN;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        string mode = args.Length > 0 ? args[0] : "";
        if (mode != "measure")
        {
            Console.Error.WriteLine("usage: SpawnLatency measure <reps> [--variant=NAME] [--warmup=N] [--only=ours|bare]   (SpawnLatency noop: the bare process)");
            return 2;
        }

        int reps = args.Length > 1 && int.TryParse(args[1], out int r) ? r : 30;
        string variant = Option(args, "variant") ?? (File.Exists(Path.Combine(AppContext.BaseDirectory, "SpawnLatency.dll")) ? "jit-apphost" : "nativeaot");
        int warmup = int.TryParse(Option(args, "warmup"), out int w) ? w : 1;
        string only = Option(args, "only") ?? "";

        var bare = new Series("net.spawn.bare_noop", "Process.Start(self, \"noop\") + WaitForExit: a bare process of the same kind (the OS + runtime floor)");
        var ours = new Series("mp.spawn.start_await_1", "await Trivial.Targets.Noop.Start(1): Start + awaited int result + exit");
        var oursVoid = new Series("mp.spawn.start_await_void", "await Trivial.Targets.Nothing.Start(): Start + awaited completion + exit (no argument, no result)");
        var series = new List<(Series S, Func<Task<Sample>> Once)>();
        if (only is "" or "bare")
        {
            series.Add((bare, () => Task.FromResult(StartBare())));
        }

        if (only is "" or "ours")
        {
            series.Add((ours, StartOursAsync));
            series.Add((oursVoid, StartOursVoidAsync));
        }

        // The first start of each kind is the cold one (for ours it also sets up the parent's socket endpoint):
        // recorded apart, as the Python anchors do. Further warm-ups are dropped.
        for (int i = 0; i < warmup; i++)
        {
            foreach (var (s, once) in series)
            {
                var sample = await once();
                if (i == 0)
                {
                    s.FirstMs = sample.Ms;
                }
            }
        }

        for (int i = 0; i < reps; i++)
        {
            foreach (var (s, once) in series)
            {
                s.Samples.Add(await once());
            }
        }

        foreach (var (s, _) in series)
        {
            Emit(s, variant);
        }

        if (Probe.Enabled)
        {
            PrintProfile(series.Select(x => x.S).ToList(), variant);
        }

        return 0;
    }

    private static Sample StartBare()
    {
        var startInfo = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        startInfo.ArgumentList.Add("noop");
        long t0 = Stopwatch.GetTimestamp();
        using var process = Process.Start(startInfo)!;
        long started = Stopwatch.GetTimestamp();
        process.WaitForExit();
        long done = Stopwatch.GetTimestamp();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"bare no-op child exited with {process.ExitCode}");
        }

        return new Sample(Stopwatch.GetElapsedTime(t0, done).TotalMilliseconds, t0, started, done, process.Id);
    }

    private static async Task<Sample> StartOursAsync()
    {
        long t0 = Stopwatch.GetTimestamp();
        using var child = Trivial.Targets.Noop.Start(1);
        long started = Stopwatch.GetTimestamp();
        int result = await child;
        long done = Stopwatch.GetTimestamp();
        if (result != 1 || child.ExitCode != 0)
        {
            throw new InvalidOperationException($"child returned {result}, exit code {child.ExitCode}");
        }

        return new Sample(Stopwatch.GetElapsedTime(t0, done).TotalMilliseconds, t0, started, done, child.Pid);
    }

    private static async Task<Sample> StartOursVoidAsync()
    {
        long t0 = Stopwatch.GetTimestamp();
        using var child = Trivial.Targets.Nothing.Start();
        long started = Stopwatch.GetTimestamp();
        await child;
        long done = Stopwatch.GetTimestamp();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"child exit code {child.ExitCode}");
        }

        return new Sample(Stopwatch.GetElapsedTime(t0, done).TotalMilliseconds, t0, started, done, child.Pid);
    }

    private static string? Option(string[] args, string name) =>
        args.FirstOrDefault(a => a.StartsWith($"--{name}=", StringComparison.Ordinal))?[(name.Length + 3)..];

    private static double Median(IEnumerable<double> values)
    {
        var s = values.OrderBy(x => x).ToArray();
        int n = s.Length;
        return n == 0 ? double.NaN : n % 2 == 1 ? s[n / 2] : (s[(n / 2) - 1] + s[n / 2]) / 2;
    }

    private static string Num(double x) => double.IsFinite(x) ? x.ToString("0.######", CultureInfo.InvariantCulture) : "null";

    /// <summary>One RESULT line in the anchors' format (anchors/_common.py emit()) on stdout, a readable one on stderr.</summary>
    private static void Emit(Series s, string variant)
    {
        var v = s.Samples.Select(x => x.Ms).ToList();
        double median = Median(v), min = v.Min(), max = v.Max();
        var sb = new StringBuilder("RESULT {");
        sb.Append("\"metric\": \"").Append(s.Metric).Append("\", ")
          .Append("\"variant\": \"").Append(variant).Append("\", ")
          .Append("\"unit\": \"ms\", ")
          .Append("\"values\": [").Append(string.Join(", ", v.Select(Num))).Append("], ")
          .Append("\"median\": ").Append(Num(median)).Append(", ")
          .Append("\"min\": ").Append(Num(min)).Append(", ")
          .Append("\"max\": ").Append(Num(max)).Append(", ")
          .Append("\"n\": ").Append(v.Count).Append(", ")
          .Append("\"higher_is_better\": false, ")
          .Append("\"cmd\": \"").Append(Cmd).Append("\", ")
          .Append("\"note\": \"").Append(s.Note.Replace("\"", "\\\"", StringComparison.Ordinal))
          .Append($"; first (cold) start {s.FirstMs.ToString("0.0", CultureInfo.InvariantCulture)} ms\", ")
          .Append("\"first_ms\": ").Append(Num(s.FirstMs)).Append('}');
        Console.Out.WriteLine(sb.ToString());
        Console.Out.Flush();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {s.Metric,-28} {variant,-12} median {median,8:0.00} ms (min {min:0.00}, max {max:0.00}, n={v.Count}, first {s.FirstMs:0.0})"));
    }

    /// <summary>Where the time goes: parent stamps joined with the children's probe lines by pid; medians in ms.</summary>
    private static void PrintProfile(List<Series> all, string variant)
    {
        var children = Probe.ReadChildren();
        static double Ms(long fromNs, long toNs) => (toNs - fromNs) / 1e6;
        static string F(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);
        Console.Error.WriteLine($"PROFILE {variant} (medians, ms; parent stamps before Start() / after Start() / await done; child stamps at its first managed code (main) / target entry / exit begins (ProcessExit))");
        Console.Error.WriteLine($"  {"series",-28} {"n",3} {"Start()",8} {"exec->main",10} {"main->target",12} {"target->exit",12} {"exit->parent",12} {"total",8} | JIT methods/ms: {"by main",13} {"main->target",15} {"target->exit",15}");
        var assemblies = new Dictionary<string, string[]>();
        foreach (var s in all)
        {
            var rows = s.Samples.Where(x => children.ContainsKey(x.Pid)).Select(x => (Sample: x, Child: children[x.Pid])).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            double Med(Func<(Sample Sample, Probe.Child Child), double> f) => Median(rows.Select(f));
            long T(long stamp) => Probe.Ns(stamp);
            var c0 = rows[0].Child;
            bool bare = c0.Target == 0;
            int tgt = bare ? Probe.Main : Probe.Target;
            Console.Error.WriteLine(
                $"  {s.Metric,-28} {rows.Count,3} {F(Med(x => Ms(T(x.Sample.T0), T(x.Sample.Started)))),8} " +
                $"{F(Med(x => Ms(T(x.Sample.Started), x.Child.Main))),10} " +
                $"{F(Med(x => Ms(x.Child.Main, bare ? x.Child.Main : x.Child.Target))),12} " +
                $"{F(Med(x => Ms(bare ? x.Child.Main : x.Child.Target, x.Child.Exit))),12} " +
                $"{F(Med(x => Ms(x.Child.Exit, T(x.Sample.Done)))),12} " +
                $"{F(Med(x => Ms(T(x.Sample.T0), T(x.Sample.Done)))),8} |                 " +
                $"{Med(x => x.Child.JitMethods[Probe.Main]),5:0}/{F(Med(x => x.Child.JitMs[Probe.Main])),7} " +
                $"{Med(x => x.Child.JitMethods[tgt] - x.Child.JitMethods[Probe.Main]),7:0}/{F(Med(x => x.Child.JitMs[tgt] - x.Child.JitMs[Probe.Main])),7} " +
                $"{Med(x => x.Child.JitMethods[Probe.Exit] - x.Child.JitMethods[tgt]),7:0}/{F(Med(x => x.Child.JitMs[Probe.Exit] - x.Child.JitMs[tgt])),7}");
            assemblies[s.Metric] = c0.Assemblies;
        }

        if (assemblies.TryGetValue("net.spawn.bare_noop", out var bareSet) && bareSet.Length > 0)
        {
            foreach (var (metric, set) in assemblies.Where(a => a.Key != "net.spawn.bare_noop"))
            {
                Console.Error.WriteLine($"  assemblies loaded by a {metric} child beyond the bare one's ({bareSet.Length}): {string.Join(", ", set.Except(bareSet))}");
            }
        }
    }
}
