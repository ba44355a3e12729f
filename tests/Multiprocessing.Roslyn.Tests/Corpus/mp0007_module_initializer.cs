// expect: MP0007@11
// a module initializer runs in every child
using System.Runtime.CompilerServices;
using Multiprocessing;

internal static class Startup
{
    [ModuleInitializer]
    internal static void Init()
    {
        Workers.Targets.Work.Start("init", 0).Join();  // MP0007
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
