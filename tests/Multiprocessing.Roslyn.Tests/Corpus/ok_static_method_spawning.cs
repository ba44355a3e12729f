// expect: none
// static methods run when called, not at type load
using Multiprocessing;

public static partial class Jobs
{
    public static ChildProcess StartPing() => Targets.Ping.Start();

    [ProcessTarget]
    public static void Ping() { }
}
