// expect: none
// using declarations, awaits, joins and kills
using System.Threading.Tasks;
using Multiprocessing;

public static class Jobs
{
    public static void Scoped()
    {
        using var child = Workers.Targets.Work.Start("a", 1);
    }

    public static async Task<int> Awaited() => await Workers.Targets.Square.Start(3) + 1;

    public static async Task Joined()
    {
        var child = Workers.Targets.Work.Start("b", 1);
        System.Console.WriteLine($"started {child.Pid}");
        await child.JoinAsync();
    }

    public static void Killed()
    {
        var child = Workers.Targets.Work.Start("c", 100);
        child.Kill();
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
