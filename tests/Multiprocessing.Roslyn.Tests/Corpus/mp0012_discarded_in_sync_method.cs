// expect: MP0012@9
// a child nobody joins
using Multiprocessing;

public static class Jobs
{
    public static void Kick()
    {
        Workers.Targets.Work.Start("a", 1);  // MP0012
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
