// expect: MP0014@12
// output: exe
// build_property: IsTestProject=true GenerateTestingPlatformEntryPoint=true
// a test project on Microsoft.Testing.Platform: the platform writes Main, so nothing can call the guard first
using System.Threading.Tasks;
using Multiprocessing;

public sealed class SquareTests
{
    public async Task Square_is_computed_in_a_child()
    {
        using var child = Workers.Targets.Square.Start(7);  // MP0014: the child would run the test session again
        if (await child != 49) throw new System.Exception("wrong");
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;
}
