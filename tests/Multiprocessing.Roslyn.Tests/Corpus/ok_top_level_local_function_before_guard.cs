// expect: none
// output: exe
// a local function declared before the guard runs nothing
using System;
using Multiprocessing;

static void Log(string text) => Console.WriteLine(text);

ProcessEntry.Guard();
Log("parent");
using var child = Workers.Targets.Work.Start("w", 0);
child.Join();

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
