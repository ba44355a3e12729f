// expect: MP0006@7 MP0007@7
// output: exe
// a lambda called before the guard runs before the guard
using System;
using Multiprocessing;

Func<ChildProcess> warmUp = () => Workers.Targets.Ping.Start();  // MP0006 (first statement) MP0007
var early = warmUp();
ProcessEntry.Guard();
early.Join();

public static partial class Workers
{
    [ProcessTarget]
    public static void Ping() { }
}
