// expect: none
// build_property: IsTestProject=true GenerateTestingPlatformEntryPoint=true
// a test library has no entry point of its own: the test host's entry point is not this project's business
using System.Threading.Tasks;
using Multiprocessing;

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
