// expect: none
// output: exe
// the seed program, joined
using System;
using Multiprocessing;

ProcessEntry.Guard(); // Python's if __name__ == '__main__':

var p1 = Workers.Targets.Work.Start("Worker-1", 2);
var p2 = Workers.Targets.Work.Start("Worker-2", 3);
await p1.JoinAsync();
await p2.JoinAsync();
Console.WriteLine($"done: {p1.ExitCode} {p2.ExitCode}");

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
