// expect: none
// a child returned through a local, kept in a field and a property, returned inside a tuple, scoped with
// using var, and one whose ExitCode is read after Join(): all handled (MP0012.md "handed on", "joined")
using System;
using Multiprocessing;

public sealed class Supervisor
{
    private ChildProcess? _current;

    public ChildProcess? Last { get; private set; }

    public static ChildProcess Launch(string name)
    {
        var child = Workers.Targets.Work.Start(name, 1);
        Console.WriteLine($"launched {child.Pid}");
        return child;
    }

    public void Replace(string name)
    {
        var child = Workers.Targets.Work.Start(name, 1);
        _current = child;
    }

    public void Remember(string name) => Last = Workers.Targets.Work.Start(name, 2);

    public static (ChildProcess Child, DateTime StartedAt) Timed(string name)
    {
        var child = Workers.Targets.Work.Start(name, 1);
        return (child, DateTime.UtcNow);
    }

    public static void Scoped()
    {
        using var child = Workers.Targets.Work.Start("scoped", 1);
        Console.WriteLine(child.Name);
    }

    public static int Checked(string name)
    {
        var child = Workers.Targets.Work.Start(name, 1);
        child.Join();
        if (child.ExitCode != 0)
        {
            Console.WriteLine($"{child.Name} failed with {child.ExitCode}");
        }

        return child.ExitCode ?? -1;
    }

    public void Stop() => _current?.Terminate();
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
