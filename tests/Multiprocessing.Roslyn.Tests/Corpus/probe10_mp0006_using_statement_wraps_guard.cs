// expect: MP0006@9
// output: exe
// a using statement (not a declaration) around the guard: the resource is created first, in every child too
using System.Threading;
using Multiprocessing;

public static class Program
{
    public static int Main(string[] args)  // MP0006
    {
        using (var cts = new CancellationTokenSource())
        {
            ProcessEntry.Guard();
            using var child = Workers.Targets.Work.Start("w", 1);
            cts.Token.Register(child.Kill);
            child.Join();
        }

        return 0;
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
