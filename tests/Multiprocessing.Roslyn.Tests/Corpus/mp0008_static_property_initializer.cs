// expect: MP0008@7
// a static auto-property initializer
using Multiprocessing;

public static class Background
{
    public static ChildProcess Indexer { get; } = Workers.Targets.Work.Start("indexer", 5);  // MP0008
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
