// expect: none
// looking at a child and joining it later
using System;
using Multiprocessing;

public static class Jobs
{
    public static void Run()
    {
        var child = Workers.Targets.Work.Start("w", 1);
        Console.WriteLine($"{child} pid={child.Pid} alive={child.IsAlive}");
        if (!child.Join(TimeSpan.FromSeconds(5)))
        {
            child.Kill();
        }
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
