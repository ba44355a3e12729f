// expect: none
// a target that resubmits itself to a pool it creates: not a call of its own Start stub (docs: MP0010 names only Start / With(...).Start)
using System.Threading.Tasks;
using Multiprocessing;

public static partial class Fan
{
    [ProcessTarget]
    public static async Task<int> Out(int n)
    {
        await using var pool = new ProcessPool(2);
        return await pool.ApplyAsync(Targets.Out, n + 1);
    }
}
