// expect: MP0006@10 MP0007@13 MP0007@20 MP0007@24
// output: exe
// top-level statements that start processes inside an unsafe block with stackalloc, a fixed statement, and a
// statement that a goto can jump over, all before ProcessEntry.Guard(): each runs again in every child (MP0007.md:
// "the entry point ... before ProcessEntry.Guard()"), and the guard is not the first statement (MP0006.md); the
// process started after the guard is not MP0007
using System;
using Multiprocessing;

unsafe
{
    int* counts = stackalloc int[2];
    counts[0] = Workers.Targets.Count.Start(1).GetAwaiter().GetResult();  // MP0007
    Console.WriteLine(counts[0]);
}

var buffer = new byte[4];
unsafe
{
    fixed (byte* p = buffer) { p[0] = (byte)Workers.Targets.Count.Start(2).GetAwaiter().GetResult(); }  // MP0007
}

if (args.Length > 3) goto guarded;
Workers.Targets.Count.Start(3).Join();  // MP0007
guarded:
ProcessEntry.Guard();
Workers.Targets.Count.Start(4).Join();

public static partial class Workers
{
    [ProcessTarget]
    public static int Count(int n) => n;
}
