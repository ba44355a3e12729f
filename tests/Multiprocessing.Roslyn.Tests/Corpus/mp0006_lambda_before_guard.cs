// expect: MP0006@7
// output: exe
// a lambda written before the guard: MP0006 (not first), but no MP0007 (it runs after the guard)
using System;
using Multiprocessing;

Func<int, ChildProcess<int>> square = n => Workers.Targets.Square.Start(n);  // MP0006
ProcessEntry.Guard();
Console.WriteLine(await square(4));

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
