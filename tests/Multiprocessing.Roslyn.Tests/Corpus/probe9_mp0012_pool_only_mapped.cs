// expect: MP0012@12 MP0012@18 MP0012@24
// pools that are only used: a var local that is mapped, a target-typed local that is mapped asynchronously,
// and a pool whose workers are only counted
using System.Linq;
using System.Threading.Tasks;
using Multiprocessing;

public static class Reports
{
    public static int Total(int[] items)
    {
        var pool = new ProcessPool(4);  // MP0012
        return pool.Map(Workers.Targets.Square, items).Sum();
    }

    public static async Task<int[]> Squares(int n)
    {
        ProcessPool pool = new(2);  // MP0012
        return await pool.MapAsync(Workers.Targets.Square, Enumerable.Range(1, n));
    }

    public static int Size()
    {
        var pool = new ProcessPool();  // MP0012
        return pool.WorkerPids.Count;
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;
}
