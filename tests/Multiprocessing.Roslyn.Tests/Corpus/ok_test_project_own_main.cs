// expect: none
// output: exe
// build_property: IsTestProject=true GenerateTestingPlatformEntryPoint=false
// a test project with its own Main, the guard first (as tests/Multiprocessing.Tests does)
using System.Threading.Tasks;
using Multiprocessing;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        ProcessEntry.Guard(); // children of the test executable run their target here and exit
        await Task.Yield();
        return args.Length;
    }
}

public sealed class SquareTests
{
    public async Task Square_is_computed_in_a_child()
    {
        using var child = Workers.Targets.Square.Start(7);
        if (await child != 49) throw new System.Exception("wrong");
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;
}
