// expect: none
// output: exe
// Main declared as a partial method (as a source generator or a split Program would declare it): its implementing
// part calls ProcessEntry.Guard() first (MP0006.md), so there is nothing to report: the guard is in the entry point
// (not MP0009) and the process is started after it (not MP0007)
using System;
using Multiprocessing;

public static partial class Program
{
    static partial void Main(string[] args);

    static partial void Main(string[] args)
    {
        ProcessEntry.Guard();
        using var child = Workers.Targets.Work.Start(args.Length);
        child.Join();
        Console.WriteLine(child.ExitCode);
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Work(int n) { }
}
