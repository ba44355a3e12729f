// expect: MP0007@7
// a static initializer of a type with targets
using Multiprocessing;

public static partial class Jobs
{
    public static readonly ChildProcess WarmUp = Targets.Ping.Start();  // MP0007

    [ProcessTarget]
    public static void Ping() { }
}
