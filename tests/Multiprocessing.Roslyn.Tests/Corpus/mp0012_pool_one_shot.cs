// expect: MP0012@8
// a pool used once and dropped
using System.Threading.Tasks;
using Multiprocessing;

public static class Jobs
{
    public static Task<int> One() => new ProcessPool(1).ApplyAsync(Workers.Targets.Square, 7);  // MP0012
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
