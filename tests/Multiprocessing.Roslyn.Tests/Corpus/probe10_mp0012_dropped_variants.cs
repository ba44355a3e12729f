// expect: MP0012@13 MP0012@27 MP0012@33 MP0012@34 MP0012@38
// children whose value is dropped: a local only looked at in a finally, a one-look Pid inside an interpolation, both
// arms of a ?: assigned to a discard, and an expression-bodied method that returns only the child's Name
using System;
using System.Threading.Tasks;
using Multiprocessing;

public static class Jobs
{
    public static void Traced(string name)
    {
        Console.WriteLine("tracing");
        var child = Workers.Targets.Work.Start(name, 1);  // MP0012
        try
        {
            Console.WriteLine("working");
        }
        finally
        {
            Console.WriteLine($"{child.Name} ({child.Pid}) traced");
        }
    }

    public static void Announce()
    {
        Console.WriteLine("starting");
        Console.WriteLine($"spawned {Workers.Targets.Work.Start("announce", 1).Pid}");  // MP0012
    }

    public static async Task Pick(bool fast)
    {
        _ = fast
            ? Workers.Targets.Work.Start("fast", 0)  // MP0012
            : Workers.Targets.Work.Start("slow", 5);  // MP0012
        await Task.Delay(10);
    }

    public static string Spawn(string name) => Workers.Targets.Work.Start(name, 1).Name;  // MP0012
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
