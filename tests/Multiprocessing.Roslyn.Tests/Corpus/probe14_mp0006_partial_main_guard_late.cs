// expect: MP0006@14 MP0007@16
// output: exe
// Main declared as a partial method whose implementing part starts a process before its ProcessEntry.Guard() call:
// MP0006.md ("A Guard() call that is present but not first ... is reported too", "for a Main method ..., on the method
// name": here the implementation, which has the body) and MP0007.md ("When the guard exists but comes later ..., both
// MP0006 and MP0007 are reported")
using System;
using Multiprocessing;

public static partial class Program
{
    static partial void Main(string[] args);

    static partial void Main(string[] args)
    {
        using var warm = Workers.Targets.Work.Start(0);  // MP0007
        ProcessEntry.Guard();
        warm.Join();
        Console.WriteLine(warm.ExitCode);
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Work(int n) { }
}
