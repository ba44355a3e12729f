// expect: MP0006@7 MP0007@11
// output: exe
// a static local function, declared after the guard but called before it, starts the process before the guard
using System;
using Multiprocessing;

var warm = WarmUp();  // MP0006 (first statement)
ProcessEntry.Guard();
warm.Join();

static ChildProcess WarmUp() => Workers.Targets.Ping.Start();  // MP0007: runs when WarmUp() is called, before the guard

public static partial class Workers
{
    [ProcessTarget]
    public static void Ping() { }
}
