// expect: MP0006@9
// output: exe
// an argument check that returns before the guard: a child started with arguments would return 1 and never run its target
using System;
using Multiprocessing;

public static class Program
{
    public static int Main(string[] args)  // MP0006
    {
        if (args.Length > 0)
        {
            Console.Error.WriteLine("usage: tool");
            return 1;
        }

        ProcessEntry.Guard();
        using var child = Workers.Targets.Work.Start("worker", 1);
        child.Join();
        return child.ExitCode ?? 0;
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
