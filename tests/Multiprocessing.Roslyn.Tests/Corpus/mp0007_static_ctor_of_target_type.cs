// expect: MP0007@9
// the type with targets is loaded by every child
using Multiprocessing;

public static partial class Jobs
{
    static Jobs()
    {
        Targets.Ping.Start().Join();  // MP0007
    }

    [ProcessTarget]
    public static void Ping() { }
}
