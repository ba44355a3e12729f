// expect: none
// output: exe
// after the guard, inside a target, stored lambdas, a getter, a local function declared before the guard and called after it
using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Multiprocessing;

public static class Program
{
    private static readonly Func<ChildProcess> Later = () => Workers.Targets.Ping.Start();
    private static ChildProcess Now => Workers.Targets.Ping.Start();

    public static async Task Main(string[] args)
    {
        static ChildProcess Spawn() => Workers.Targets.Ping.Start();
        ProcessEntry.Guard();
        using var first = Spawn();
        await using var pool = new ProcessPool(2);
        await pool.MapAsync(Workers.Targets.Square, new[] { 1, 2, 3 });
        Later().Join();
        Now.Join();
        first.Join();
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Ping() { }

    [ProcessTarget]
    public static int Square(int n)
    {
        using var tool = Process.Start("true");
        return n * n;
    }
}
