// expect: none
// a type without targets: a block-bodied static getter and a static method start processes when called; a static
// constructor only subscribes a handler (the lambda runs at exit, when called) and stores a pool factory
using System;
using Multiprocessing;

public static class Background
{
    private static readonly Func<ProcessPool> s_newPool;

    static Background()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Workers.Targets.Work.Start("flush", 0).Join();
        s_newPool = () => new ProcessPool(2);
    }

    public static ChildProcess Indexer
    {
        get
        {
            var child = Workers.Targets.Work.Start("indexer", 5);
            Console.WriteLine($"indexer {child.Pid}");
            return child;
        }
    }

    public static ProcessPool NewPool() => s_newPool();
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
