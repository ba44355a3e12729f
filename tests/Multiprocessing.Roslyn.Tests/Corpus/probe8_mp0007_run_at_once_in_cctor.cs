// expect: MP0007@12 MP0007@13
// objects made from a lambda and run on the spot start the process there; one only kept (a Lazy not yet read) does not
using System;
using System.Threading;
using Multiprocessing;

public static partial class Workers
{
    static Workers()
    {
        var later = new Lazy<ChildProcess>(() => Targets.Ping.Start());
        new Thread(() => Targets.Ping.Start().Join()).Start();  // MP0007
        _ = new Lazy<ChildProcess>(() => Targets.Ping.Start()).Value;  // MP0007
        GC.KeepAlive(later);
    }

    [ProcessTarget]
    public static void Ping()
    {
    }
}
