// expect: none
// children returned, stored, passed, captured
using System;
using System.Collections.Generic;
using Multiprocessing;

public sealed class Supervisor
{
    private readonly List<ChildProcess> _children = new();

    public ChildProcess Spawn() => Workers.Targets.Work.Start("a", 1);

    public void Track() => _children.Add(Workers.Targets.Work.Start("b", 1));

    public void Watch()
    {
        var child = Workers.Targets.Work.Start("c", 1);
        Register(child);
    }

    public Action Later()
    {
        var child = Workers.Targets.Work.Start("d", 1);
        return () => child.Join();
    }

    public void JoinAll()
    {
        foreach (var c in _children) c.Join();
    }

    private void Register(ChildProcess child) => _children.Add(child);
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
