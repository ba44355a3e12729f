// expect: MP0007@11
// a local function handed to Task.Run as a method group runs in the static constructor
using System.Threading.Tasks;
using Multiprocessing;

public static partial class Workers
{
    static Workers()
    {
        Task.Run(WarmUp).Wait();
        static void WarmUp() => Targets.Ping.Start().Join();  // MP0007
    }

    [ProcessTarget]
    public static void Ping() { }
}
