// expect: none
// joined in finally, a using statement on the child, LINQ then joined, a pool with try/finally and ?.Dispose,
// await using with ConfigureAwait, a pool closed and joined, a pool stored in a field, a child passed to an extension method
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Multiprocessing;

public static class ChildExtensions
{
    public static void Watch(this ChildProcess child) => child.Join();
}

public sealed class Service : IAsyncDisposable
{
    private readonly ProcessPool _pool = new(4);

    public Task<int> Square(int n) => _pool.ApplyAsync(Workers.Targets.Square, n);

    public ValueTask DisposeAsync() => _pool.DisposeAsync();
}

public static class Jobs
{
    public static void InFinally()
    {
        var child = Workers.Targets.Work.Start("a", 1);
        try
        {
            Console.WriteLine(child.Pid);
        }
        finally
        {
            child.Join();
        }
    }

    public static void UsingStatement()
    {
        using (Workers.Targets.Work.Start("b", 1))
        {
        }
    }

    public static void Linq(IEnumerable<string> names)
    {
        var children = names.Select(n => Workers.Targets.Work.Start(n, 1)).ToList();
        children.ForEach(c => c.Join());
    }

    public static void Extension() => Workers.Targets.Work.Start("c", 1).Watch();

    public static int[] TryFinally()
    {
        ProcessPool? pool = null;
        try
        {
            pool = new ProcessPool(2);
            return pool.Map(Workers.Targets.Square, new[] { 1, 2 });
        }
        finally
        {
            pool?.Dispose();
        }
    }

    public static async Task<int[]> Configured()
    {
        await using var pool = new ProcessPool(2).ConfigureAwait(false);
        return new[] { 1 };
    }

    public static async Task CloseAndJoin()
    {
        var pool = new ProcessPool(2);
        await pool.MapAsync(Workers.Targets.Square, new[] { 1, 2 });
        pool.Close();
        await pool.JoinAsync();
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
