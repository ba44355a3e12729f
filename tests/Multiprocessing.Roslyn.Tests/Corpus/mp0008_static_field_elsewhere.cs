// expect: MP0008@7
// a static initializer of an ordinary type
using Multiprocessing;

public static class Cache
{
    public static readonly ChildProcess Warm = Workers.Targets.Work.Start("warm", 1);  // MP0008
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
