// expect: MP0012@14 MP0012@22 MP0012@32
// children started in loops and never joined: a statement in a synchronous for, a local that a foreach only
// prints, a discard in an async while; a child joined inside the loop stays silent
using System;
using System.Threading.Tasks;
using Multiprocessing;

public static class Fleet
{
    public static void FireAndForget(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Workers.Targets.Work.Start($"w{i}", 1);  // MP0012
        }
    }

    public static void Announce(string[] names)
    {
        foreach (var name in names)
        {
            var child = Workers.Targets.Work.Start(name, 1);  // MP0012
            Console.WriteLine($"{child.Name} is {child.Pid}");
        }
    }

    public static async Task Drip(int count)
    {
        while (count-- > 0)
        {
            await Task.Delay(10);
            _ = Workers.Targets.Work.Start("drip", 1);  // MP0012
        }
    }

    public static void OneAtATime(string[] names)
    {
        foreach (var name in names)
        {
            var child = Workers.Targets.Work.Start(name, 1);
            child.Join();
        }
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
