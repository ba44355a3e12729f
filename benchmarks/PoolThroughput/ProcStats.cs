using System.Diagnostics;
using System.Globalization;

namespace PoolThroughput;

/// <summary>Resident memory of a process from /proc (Linux), in MiB.</summary>
internal readonly record struct Rss(double VmRss, double RssAnon, double RssFile, double Pss)
{
    public static Rss[] OfAll(IEnumerable<int> pids) => [.. pids.Select(Of)];

    public static Rss Of(int pid)
    {
        double vmRss = double.NaN, anon = double.NaN, file = double.NaN, pss = double.NaN;
        foreach (string line in ReadLines($"/proc/{pid}/status"))
        {
            vmRss = Field(line, "VmRSS:") ?? vmRss;
            anon = Field(line, "RssAnon:") ?? anon;
            file = Field(line, "RssFile:") ?? file;
        }

        foreach (string line in ReadLines($"/proc/{pid}/smaps_rollup"))
        {
            pss = Field(line, "Pss:") ?? pss;
        }

        return new Rss(vmRss, anon, file, pss);
    }

    /// <summary>A "Name:   1234 kB" line's value in MiB.</summary>
    private static double? Field(string line, string name) =>
        line.StartsWith(name, StringComparison.Ordinal) &&
        long.TryParse(line.AsSpan(name.Length).Trim().TrimEnd("kB").Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long kb)
            ? kb / 1024.0
            : null;

    internal static IEnumerable<string> ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }
}

/// <summary>
/// Where the time of a figure goes (--profile): CPU time and context switches of the parent and of the workers per
/// task, from /proc/&lt;pid&gt;/task/*/schedstat and status, sampled around each timed repetition (outside the timing).
/// </summary>
internal sealed class Profiler(IReadOnlyList<int> workers)
{
    private readonly List<(double Wall, Snap Parent, Snap Workers, int Tasks)> _reps = [];
    private (long T, Snap Parent, Snap Workers) _start;

    public void Begin() => _start = (Stopwatch.GetTimestamp(), Snap.Of(Environment.ProcessId), Snap.Sum(workers));

    public void End(int tasks)
    {
        double wall = Stopwatch.GetElapsedTime(_start.T).TotalMicroseconds;
        _reps.Add((wall, Snap.Of(Environment.ProcessId) - _start.Parent, Snap.Sum(workers) - _start.Workers, tasks));
    }

    public void Report(string metric)
    {
        double M(Func<(double Wall, Snap Parent, Snap Workers, int Tasks), double> f) => BenchResults.Median(_reps.Select(f));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"PROFILE {metric} (medians per task over {_reps.Count} reps): wall {M(r => r.Wall / r.Tasks):0.###} us; " +
            $"CPU parent {M(r => r.Parent.CpuNs / 1e3 / r.Tasks):0.###} us, workers (both) {M(r => r.Workers.CpuNs / 1e3 / r.Tasks):0.###} us; " +
            $"context switches parent {M(r => (double)r.Parent.Switches / r.Tasks):0.###} (involuntary {M(r => (double)r.Parent.Involuntary / r.Tasks):0.###}), " +
            $"workers {M(r => (double)r.Workers.Switches / r.Tasks):0.###}; parent threads {M(r => r.Parent.Threads):0}"));
        _reps.Clear();
    }

    /// <summary>CPU time (ns, all live threads) and context switches (voluntary + involuntary) of a process.</summary>
    private readonly record struct Snap(long CpuNs, long Switches, long Involuntary, int Threads)
    {
        public static Snap operator -(Snap a, Snap b) => new(a.CpuNs - b.CpuNs, a.Switches - b.Switches, a.Involuntary - b.Involuntary, a.Threads);

        public static Snap Sum(IEnumerable<int> pids) =>
            pids.Select(Of).Aggregate(default(Snap), static (a, b) => new Snap(a.CpuNs + b.CpuNs, a.Switches + b.Switches, a.Involuntary + b.Involuntary, a.Threads + b.Threads));

        public static Snap Of(int pid)
        {
            long cpu = 0, switches = 0, involuntary = 0;
            int threads = 0;
            string[] tasks;
            try
            {
                tasks = Directory.GetDirectories($"/proc/{pid}/task");
            }
            catch (IOException)
            {
                return default;
            }

            foreach (string task in tasks)
            {
                threads++;
                var schedstat = Rss.ReadLines(Path.Combine(task, "schedstat")).FirstOrDefault()?.Split(' ');
                if (schedstat is { Length: > 0 } && long.TryParse(schedstat[0], CultureInfo.InvariantCulture, out long ns))
                {
                    cpu += ns;
                }

                foreach (string line in Rss.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) &&
                        long.TryParse(line.AsSpan(24).Trim(), CultureInfo.InvariantCulture, out long v))
                    {
                        switches += v;
                    }
                    else if (line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal) &&
                        long.TryParse(line.AsSpan(27).Trim(), CultureInfo.InvariantCulture, out long nv))
                    {
                        switches += nv;
                        involuntary += nv;
                    }
                }
            }

            return new Snap(cpu, switches, involuntary, threads);
        }
    }
}
