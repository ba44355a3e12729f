// expect: none
// output: exe
// Process.Start after the guard is ordinary code
using System.Diagnostics;
using Multiprocessing;

public static class Program
{
    public static void Main()
    {
        ProcessEntry.Guard();
        using var git = Process.Start("git", "status");
        git?.WaitForExit();
        Workers.Targets.Work.Start("after", 0).Join();
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
