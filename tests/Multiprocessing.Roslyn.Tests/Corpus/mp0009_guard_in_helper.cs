// expect: MP0009@14
// output: exe
// the guard only works in the entry point
using Multiprocessing;

ProcessEntry.Guard();
Setup.Init();
await Workers.Targets.Square.Start(2);

public static class Setup
{
    public static void Init()
    {
        ProcessEntry.Guard();  // MP0009
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
