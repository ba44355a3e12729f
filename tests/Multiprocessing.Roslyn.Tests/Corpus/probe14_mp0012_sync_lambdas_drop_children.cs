// expect: MP0012@13 MP0012@18 MP0012@26 MP0012@32
// children dropped inside synchronous lambdas (MP0012.md: "an expression statement in a synchronous method"): List.ForEach,
// Parallel.For, a synchronous lambda given to Task.Run inside an async method (CS4014 does not cover it: the lambda is
// not async), and a pool that is only mapped (never disposed)
using System.Collections.Generic;
using System.Threading.Tasks;
using Multiprocessing;

public static class Fanout
{
    public static void Each(List<string> names)
    {
        names.ForEach(n => Workers.Targets.Scan.Start(n, 1));  // MP0012
    }

    public static void Range(int count)
    {
        Parallel.For(0, count, i => { Workers.Targets.Scan.Start($"w{i}", i); });  // MP0012
    }

    public static async Task Offload()
    {
        await Task.Run(() =>
        {
            System.Console.WriteLine("offloaded");
            Workers.Targets.Scan.Start("bg", 1);  // MP0012
        });
    }

    public static async Task<int[]> Map(int[] pages)
    {
        var pool = new ProcessPool(workers: 2);  // MP0012
        return await pool.MapAsync(Workers.Targets.Fetch, pages);
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Scan(string name, int depth) { }

    [ProcessTarget]
    public static int Fetch(int page) => page;
}
