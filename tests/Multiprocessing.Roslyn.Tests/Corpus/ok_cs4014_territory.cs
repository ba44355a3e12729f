// expect: none
// an un-awaited Start in an async method is the compiler's CS4014
using System.Threading.Tasks;
using Multiprocessing;

public static class Jobs
{
#pragma warning disable CS4014
    public static async Task Kick()
    {
        Workers.Targets.Square.Start(2);
        await Task.Yield();
    }
#pragma warning restore CS4014
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
