// expect: MP0006@18 MP0007@21 MP0007@25 MP0007@28
// output: exe
// a file-scoped namespace and static async Task<int> Main whose guard comes after an await using, a lock, a checked
// block and a switch expression that each start a process: every one runs again in each child (MP0007.md: "When the
// guard exists but comes later ..., both MP0006 and MP0007 are reported: MP0006 on the entry point, MP0007 on each
// process created before the first guard call")
namespace Shop.Cli;

using System;
using System.IO;
using System.Threading.Tasks;
using Multiprocessing;

public static class Program
{
    private static readonly object s_gate = new();

    public static async Task<int> Main(string[] args)
    {
        await using var log = new StreamWriter(Stream.Null);
        lock (s_gate) { Workers.Targets.Warm.Start(0).Join(); }  // MP0007
        checked
        {
            var n = args.Length + 1;
            using var c = Workers.Targets.Warm.Start(n);  // MP0007
        }

        var first = args.Length switch { 0 => Workers.Targets.Warm.Start(1), _ => null };  // MP0007
        ProcessEntry.Guard();
        if (first is not null) await first;
        return await Workers.Targets.Square.Start(7);
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Warm(int n) { }

    [ProcessTarget]
    public static int Square(int n) => n * n;
}
