// expect: MP0007@8
// output: exe
// the entry point type's static constructor runs before Main
using Multiprocessing;

public static class Program
{
    private static readonly ChildProcess s_early = Workers.Targets.Work.Start("early", 0);  // MP0007

    public static void Main()
    {
        ProcessEntry.Guard();
        s_early.Join();
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
