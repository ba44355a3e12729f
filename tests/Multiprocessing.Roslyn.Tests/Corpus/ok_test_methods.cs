// expect: none
// test-project style methods spawn children freely
using System.Threading.Tasks;
using Multiprocessing;

public sealed class ChildProcessTests
{
    public async Task Square_is_computed_in_a_child()
    {
        using var child = Workers.Targets.Square.Start(7);
        if (await child != 49) throw new System.Exception("wrong");
    }

    public void Join_waits()
    {
        var child = Workers.Targets.Work.Start("t", 0);
        child.Join();
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
