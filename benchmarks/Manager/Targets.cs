using System.Diagnostics;
using Multiprocessing;

namespace ManagerBench;

/// <summary>What the child does, timed in the child as py_manager.py's worker times itself.</summary>
public static partial class Child
{
    /// <summary>py_manager.py's worker: <c>d[i] = i</c> for n keys, then reads them back. Returns (set s, get s, sum, first operation s).</summary>
    [ProcessTarget]
    public static (double SetSeconds, double GetSeconds, long Sum, double FirstSeconds) SetGet(ManagedDictionary<int, int> d, int n)
    {
        long t0 = Stopwatch.GetTimestamp();
        long first = 0;
        for (int i = 0; i < n; i++)
        {
            d[i] = i;
            if (i == 0)
            {
                first = Stopwatch.GetTimestamp();
            }
        }

        long t1 = Stopwatch.GetTimestamp();
        long sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += d[i];
        }

        long t2 = Stopwatch.GetTimestamp();
        return (Stopwatch.GetElapsedTime(t0, t1).TotalSeconds, Stopwatch.GetElapsedTime(t1, t2).TotalSeconds, sum, Stopwatch.GetElapsedTime(t0, first).TotalSeconds);
    }

    /// <summary>The batched version: one SetMany of n pairs, one GetMany of the n keys. Returns (set s, get s, sum).</summary>
    [ProcessTarget]
    public static (double SetSeconds, double GetSeconds, long Sum) Batched(ManagedDictionary<int, int> d, int n)
    {
        var pairs = new KeyValuePair<int, int>[n];
        var keys = new int[n];
        for (int i = 0; i < n; i++)
        {
            pairs[i] = new(i, i);
            keys[i] = i;
        }

        long t0 = Stopwatch.GetTimestamp();
        d.SetMany(pairs);
        long t1 = Stopwatch.GetTimestamp();
        int[] values = d.GetMany(keys);
        long t2 = Stopwatch.GetTimestamp();
        long sum = 0;
        foreach (int v in values)
        {
            sum += v;
        }

        return (Stopwatch.GetElapsedTime(t0, t1).TotalSeconds, Stopwatch.GetElapsedTime(t1, t2).TotalSeconds, sum);
    }

    /// <summary>Contention: n atomic increments of one shared counter (several children at once). Returns seconds.</summary>
    [ProcessTarget]
    public static double Increments(ManagedDictionary<string, int> d, int n)
    {
        long t0 = Stopwatch.GetTimestamp();
        for (int i = 0; i < n; i++)
        {
            d.Update("counter", Targets.Add, 1);
        }

        return Stopwatch.GetElapsedTime(t0).TotalSeconds;
    }

    /// <summary>The update function the increments run on the manager.</summary>
    [ProcessTarget]
    public static int Add(int current, int delta) => current + delta;
}
