// expect: none
// lambdas stored in static fields run later, not at type load
using System;
using Multiprocessing;

public static class Factories
{
    public static readonly Func<ChildProcess> Later = () => Workers.Targets.Work.Start("later", 1);
    public static readonly Lazy<ChildProcess> Once = new(() => Workers.Targets.Work.Start("once", 1));
    public static ChildProcess Now => Workers.Targets.Work.Start("now", 1); // a getter runs when called
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
