// expect: MP0006@9 MP0007@11 MP0012@11
// output: exe
// a Start(...) inside string interpolation before the guard: created before the guard (MP0007) and only looked at (MP0012)
using System;
using Multiprocessing;

public static class Program
{
    public static void Main(string[] args)  // MP0006
    {
        Console.WriteLine($"warm-up pid {Workers.Targets.Ping.Start().Pid}");  // MP0007 MP0012
        ProcessEntry.Guard();
        using var child = Workers.Targets.Ping.Start();
        child.Join();
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Ping() { }
}
