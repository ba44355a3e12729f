// expect: MP0006@6 MP0007@6
// output: exe
// a guard in a plain block still guards, so a process started before the block is started before the guard
using Multiprocessing;

var warm = Workers.Targets.Ping.Start();
{
    ProcessEntry.Guard();
}

warm.Join();

public static partial class Workers
{
    [ProcessTarget]
    public static void Ping()
    {
    }
}
