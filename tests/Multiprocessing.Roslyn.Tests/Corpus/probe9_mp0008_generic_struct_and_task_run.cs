// expect: MP0008@11 MP0008@16 MP0008@24 MP0008@30
// static initializers of types without targets: a generic class's pool, a struct's child, a lambda handed to
// Task.Run in a static constructor (it runs at once, it is not stored), and a conditional Process.Start
using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Multiprocessing;

public class Cache<T>
{
    private static readonly ProcessPool s_pool = new ProcessPool(1);  // MP0008
}

public struct Ticket
{
    public static readonly ChildProcess Watcher = Workers.Targets.Work.Start("watcher", 1);  // MP0008
}

public sealed record Warmup
{
    static Warmup()
    {
        Task.Run(
            () => Workers.Targets.Work.Start("warm", 1).Join());  // MP0008
    }
}

public static class Viewer
{
    public static readonly Process? Log = OperatingSystem.IsLinux() ? Process.Start("tail", "-f /var/log/syslog") : null;  // MP0008
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
