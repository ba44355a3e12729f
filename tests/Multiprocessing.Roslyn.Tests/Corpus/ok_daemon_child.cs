// expect: none
// output: exe
// a daemon child is not meant to be joined
using System;
using Multiprocessing;

ProcessEntry.Guard();
var daemon = Workers.Targets.Work.With(new ProcessOptions { Daemon = true }).Start("heartbeat", 3600);
Console.WriteLine($"daemon {daemon.Pid}");

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
