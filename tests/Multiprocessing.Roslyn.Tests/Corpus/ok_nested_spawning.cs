// expect: none
// a target may start other targets
using System.Threading.Tasks;
using Multiprocessing;

public static partial class Pipeline
{
    [ProcessTarget]
    public static async Task<int> Stage1(int n) => await Targets.Stage2.Start(n) + 1;

    [ProcessTarget]
    public static int Stage2(int n) => n * 2;
}
