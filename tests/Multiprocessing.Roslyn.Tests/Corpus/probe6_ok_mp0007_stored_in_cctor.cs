// expect: none
// in a static constructor, a lambda kept in a local that nobody calls and a local function handed to a constructor only wait
using System;
using Multiprocessing;

public static partial class Workers
{
    private static readonly Lazy<ChildProcess> s_later;

    static Workers()
    {
        Func<ChildProcess> unused = () => Targets.Ping.Start();
        s_later = new Lazy<ChildProcess>(StartPing);

        static ChildProcess StartPing() => Targets.Ping.Start();
    }

    [ProcessTarget]
    public static void Ping()
    {
    }
}
