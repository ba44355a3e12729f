// expect: MP0007@11
// a lambda kept in a local and called at once runs in the static constructor: it is not "only stored"
using System;
using Multiprocessing;

public static partial class Workers
{
    static Workers()
    {
        Action warmUp =
            () => Targets.Ping.Start().Join();  // MP0007
        warmUp();
    }

    [ProcessTarget]
    public static void Ping() { }
}
