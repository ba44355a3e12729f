// expect: MP0012@10 MP0012@17 MP0012@21
// only looked at in synchronous code: IsAlive, a one-look ExitCode, a pool used but never disposed
using System;
using Multiprocessing;

public static class Jobs
{
    public static void Check()
    {
        var child = Workers.Targets.Work.Start("a", 1);  // MP0012
        if (child.IsAlive)
        {
            Console.WriteLine(child.Name);
        }
    }

    public static int? Probe() => Workers.Targets.Work.Start("b", 1).ExitCode;  // MP0012

    public static int[] Squares()
    {
        var pool = new ProcessPool(2);  // MP0012
        return pool.Map(Workers.Targets.Square, new[] { 1, 2, 3 });
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
