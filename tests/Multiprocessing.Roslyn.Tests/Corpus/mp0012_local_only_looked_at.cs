// expect: MP0012@8 MP0012@9
// output: exe
// the seed program without its joins
using System;
using Multiprocessing;

ProcessEntry.Guard();
var p1 = Workers.Targets.Work.Start("Worker-1", 2);  // MP0012
var p2 = Workers.Targets.Work.Start("Worker-2", 3);  // MP0012
Console.WriteLine($"started {p1.Pid} and {p2.Pid}");

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
