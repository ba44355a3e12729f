// expect: none
// children handled in ways MP0012.md names: joined through Task.WhenAll of JoinAsync() (locals and inline), joined in
// a finally with JoinAsync, disposed by await using (declaration and statement), stored as Dictionary values
// (indexer, Add, initializer), returned by an expression-bodied method, and returned from a Select lambda whose
// results are awaited through Task.WhenAll
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Multiprocessing;

public static class Jobs
{
    private static readonly Dictionary<string, ChildProcess> s_running = new();

    public static async Task Pair()
    {
        var a = Workers.Targets.Work.Start("a", 1);
        var b = Workers.Targets.Work.Start("b", 1);
        await Task.WhenAll(a.JoinAsync(), b.JoinAsync());
    }

    public static Task Inline() =>
        Task.WhenAll(Workers.Targets.Work.Start("c", 1).JoinAsync(), Workers.Targets.Work.Start("d", 1).JoinAsync());

    public static async Task Guarded()
    {
        var child = Workers.Targets.Work.Start("guarded", 1);
        try
        {
            await Task.Delay(10);
        }
        finally
        {
            await child.JoinAsync();
        }
    }

    public static async Task Scoped()
    {
        await using var child = Workers.Targets.Work.Start("scoped", 1);
        await using (var other = Workers.Targets.Work.Start("other", 1))
        {
            Console.WriteLine(other.Pid);
        }

        Console.WriteLine(child.Pid);
    }

    public static void Track(string name)
    {
        s_running[name] = Workers.Targets.Work.Start(name, 1);
        s_running.Add(name + "-shadow", Workers.Targets.Work.Start(name, 2));
        var local = new Dictionary<string, ChildProcess>
        {
            ["first"] = Workers.Targets.Work.Start("first", 1),
        };
        foreach (var child in local.Values.Concat(s_running.Values))
        {
            child.Join();
        }
    }

    public static ChildProcess Launch(string name) => Workers.Targets.Work.Start(name, 1);

    public static async Task<int> Squares(int[] numbers)
    {
        var results = await Task.WhenAll(
            numbers.Select(n => Workers.Targets.Square.Start(n)).Select(async child => await child));
        return results.Sum();
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
