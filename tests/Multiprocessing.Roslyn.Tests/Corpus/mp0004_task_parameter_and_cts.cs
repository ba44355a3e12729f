// expect: MP0004@17 MP0004@20
// a Task argument and a CancellationTokenSource member
using System.Threading;
using System.Threading.Tasks;
using MemoryPack;
using Multiprocessing;

[MemoryPackable]
public partial class Options
{
    public CancellationTokenSource? Cancel { get; set; }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Wait(Task<int> pending) => pending.Result;  // MP0004

    [ProcessTarget]
    public static void Configure(Options options) { }  // MP0004
}
