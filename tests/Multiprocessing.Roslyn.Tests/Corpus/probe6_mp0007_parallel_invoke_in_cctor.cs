// expect: MP0007@11 MP0007@12
// lambdas passed to Parallel.Invoke (a params array) run in the static constructor
using System.Threading.Tasks;
using Multiprocessing;

public static partial class Workers
{
    static Workers()
    {
        Parallel.Invoke(
            () => Targets.Ping.Start().Join(),  // MP0007
            () => Targets.Ping.Start().Join());  // MP0007
    }

    [ProcessTarget]
    public static void Ping() { }
}
