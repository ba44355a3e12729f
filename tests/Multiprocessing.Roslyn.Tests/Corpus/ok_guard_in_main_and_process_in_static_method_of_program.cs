// expect: none
// output: exe
// Program's ordinary static methods are not its static constructor
using Multiprocessing;

public static class Program
{
    private static readonly int s_answer = 42;

    public static void Main()
    {
        ProcessEntry.Guard();
        Spawn().Join();
    }

    private static ChildProcess Spawn() => Workers.Targets.Work.Start("w", s_answer);
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
