// expect: none
// children and pools whose lifetime is handled (MP0012.md: awaited, joined, disposed, killed or terminated, or handed
// on: returned, stored in a field, property or collection, passed to a method, captured by a lambda): a dictionary of
// children joined in a loop, Task.WhenAll over JoinAsync, a switch expression whose child is awaited, using and
// await using declarations, a pool owned by a service and disposed in Dispose, a pool released in a finally with ?.,
// a child joined with a timeout and killed otherwise, a child returned through a ternary, an early return before
// the join
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Multiprocessing;

public sealed class Crawler : IAsyncDisposable
{
    private readonly ProcessPool _pool = new(workers: 2);

    public Task<int[]> CrawlAsync(IEnumerable<int> pages) => _pool.MapAsync(Workers.Targets.Fetch, pages);

    public ValueTask DisposeAsync() => _pool.DisposeAsync();
}

public static class Jobs
{
    public static void ByName(string[] names)
    {
        var running = new Dictionary<string, ChildProcess>();
        foreach (var name in names)
        {
            running[name] = Workers.Targets.Scan.Start(name, 1);
        }

        foreach (var (name, child) in running)
        {
            child.Join();
            Console.WriteLine($"{name}: {child.ExitCode}");
        }
    }

    public static async Task All(int count)
    {
        var children = Enumerable.Range(0, count).Select(i => Workers.Targets.Scan.Start($"w{i}", i)).ToList();
        await Task.WhenAll(children.Select(c => c.JoinAsync()));
    }

    public static async Task<int> Pick(bool fast)
    {
        var child = fast switch
        {
            true => Workers.Targets.Fetch.Start(1),
            false => Workers.Targets.Fetch.Start(100),
        };
        return await child;
    }

    public static async Task Scoped()
    {
        using var first = Workers.Targets.Scan.Start("first", 1);
        await using var second = Workers.Targets.Scan.Start("second", 1);
        await first.JoinAsync();
        await second.JoinAsync();
    }

    public static async Task<int> Pooled(int[] pages)
    {
        ProcessPool? pool = null;
        try
        {
            pool = new ProcessPool(workers: 2);
            var sizes = await pool.MapAsync(Workers.Targets.Fetch, pages);
            return sizes.Sum();
        }
        finally
        {
            pool?.Dispose();
        }
    }

    public static bool Bounded(string name)
    {
        var child = Workers.Targets.Scan.Start(name, 5);
        if (!child.Join(TimeSpan.FromSeconds(10)))
        {
            child.Kill();
            return false;
        }

        return child.ExitCode == 0;
    }

    public static ChildProcess Either(bool deep) =>
        deep ? Workers.Targets.Scan.Start("deep", 10) : Workers.Targets.Scan.Start("shallow", 1);

    public static async Task<int> EarlyExit(int page)
    {
        var child = Workers.Targets.Fetch.Start(page);
        if (page < 0)
        {
            child.Terminate();
            return -1;
        }

        return await child;
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Scan(string name, int depth) { }

    [ProcessTarget]
    public static int Fetch(int page) => page;
}
