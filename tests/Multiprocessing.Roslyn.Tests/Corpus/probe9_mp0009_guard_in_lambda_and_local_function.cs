// expect: MP0009@14 MP0009@18
// output: exe
// top-level statements guard first; a lambda and a local function declared there call the guard again: their bodies
// run whenever they are called, not as the first statement of the entry point (MP0009.md "Why")
using System;
using Multiprocessing;

ProcessEntry.Guard();
Run(() => Console.WriteLine("ready"));
Console.WriteLine(await Workers.Targets.Square.Start(3));

static void Run(Action action)
{
    ProcessEntry.Guard();  // MP0009
    action();
}

Action again = () => ProcessEntry.Guard();  // MP0009
again();

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;
}
