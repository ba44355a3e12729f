// expect: MP0014@12
// output: exe
// build_property: IsTestProject=true GenerateTestingPlatformEntryPoint=true
// no targets of its own: a pool started from a test is enough
using System.Threading.Tasks;
using Multiprocessing;

public sealed class PoolTests
{
    public async Task Pool_starts_and_stops()
    {
        await using var pool = new ProcessPool(2);  // MP0014
        await Task.Yield();
    }

    public async Task Another_pool()
    {
        await using var pool = new ProcessPool(1);
        await Task.Yield();
    }
}
