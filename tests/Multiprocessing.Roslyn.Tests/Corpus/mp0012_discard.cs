// expect: MP0012@10
// an explicit discard
using System.Threading.Tasks;
using Multiprocessing;

public static class Jobs
{
    public static async Task Kick()
    {
        _ = Workers.Targets.Square.Start(2);  // MP0012
        await Task.Delay(10);
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
