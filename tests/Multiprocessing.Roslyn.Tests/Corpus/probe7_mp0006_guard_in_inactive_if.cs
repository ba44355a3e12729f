// expect: MP0006@8
// output: exe
// a guard that the preprocessor removes (DEBUG is not defined) is no guard
using Multiprocessing;

public static class Program
{
    public static void Main()  // MP0006
    {
#if DEBUG
        ProcessEntry.Guard();
#endif
        using var child = Workers.Targets.Work.Start("w");
        child.Join();
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Work(string name) { }
}
