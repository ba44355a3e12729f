// expect: none
// static initializers of a type without targets that only store work: a Lazy<ChildProcess>, a Lazy<ProcessPool>
// with a thread-safety mode, a Func in a static auto-property, and a static constructor that subscribes handlers
// (a method group and a lambda) to the type's own static event: they run when the event is raised, not here
using System;
using System.Threading;
using Multiprocessing;

public static class Agent
{
    private static readonly Lazy<ChildProcess> s_agent = new(() => Workers.Targets.Work.Start("agent", 1));
    private static readonly Lazy<ProcessPool> s_pool = new(() => new ProcessPool(2), LazyThreadSafetyMode.ExecutionAndPublication);

    public static Func<ChildProcess> Factory { get; } = () => Workers.Targets.Work.Start("factory", 1);

    public static event EventHandler? Tick;

    static Agent()
    {
        Tick += OnTick;
        Tick += (_, _) => Workers.Targets.Work.Start("tick", 0).Join();
    }

    public static ChildProcess Running => s_agent.Value;

    public static ProcessPool Pool => s_pool.Value;

    public static void Raise() => Tick?.Invoke(null, EventArgs.Empty);

    private static void OnTick(object? sender, EventArgs e) => Workers.Targets.Work.Start("on-tick", 0).Join();
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
