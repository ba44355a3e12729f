// expect: MP0012@12 MP0012@18
// Daemon = false is not a daemon; a discard in an async method is still reported; a daemon through a stored descriptor is exempt
using System.Threading.Tasks;
using Multiprocessing;

public static class Jobs
{
    public static void Background()
    {
        Workers.Targets.Work.With(new ProcessOptions { Daemon = true }).Start("d", 1);
        Workers.Targets.Work.With(new() { Daemon = true, Name = "d2" }).Start("d2", 1);
        Workers.Targets.Work.With(new ProcessOptions { Daemon = false, Name = "x" }).Start("x", 1);  // MP0012
    }

    public static async Task Discarded()
    {
        await Task.Yield();
        _ = Workers.Targets.Work.Start("y", 1);  // MP0012
    }

    public static void StoredDescriptor()
    {
        var daemons = Workers.Targets.Work.With(new ProcessOptions { Daemon = true });
        daemons.Start("z", 1);
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
