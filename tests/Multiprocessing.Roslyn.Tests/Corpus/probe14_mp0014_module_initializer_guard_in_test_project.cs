// expect: MP0014@21 MP0009@15
// output: exe
// build_property: IsTestProject=true GenerateTestingPlatformEntryPoint=true
// a test project on Microsoft.Testing.Platform that tries to put the guard in a [ModuleInitializer] (MP0014.md: "Do
// not put the guard in a [ModuleInitializer] instead"): the platform still writes Main, so MP0014 is reported once,
// on the first [ProcessTarget] method or process-creating call in file order (here the target, declared before the
// test), and the guard outside the entry point is MP0009
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Multiprocessing;

internal static class ChildHook
{
    [ModuleInitializer]
    internal static void Init() => ProcessEntry.Guard();  // MP0009
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;  // MP0014
}

public sealed class SquareTests
{
    public async Task Squares_in_a_child()
    {
        using var child = Workers.Targets.Square.Start(7);
        if (await child != 49) throw new System.Exception("wrong");
    }
}
