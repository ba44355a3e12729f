// expect: MP0006@7 MP0007@9 MP0007@13 MP0007@14
// output: exe
// a ?: and a switch expression that start processes before the guard: each arm that starts one is reported
using System;
using Multiprocessing;

var mode = args.Length;  // MP0006 (first statement)
var warm = mode > 0
    ? Workers.Targets.Work.Start("warm", 1)  // MP0007
    : null;
var probe = mode switch
{
    0 => Workers.Targets.Square.Start(1),  // MP0007
    _ => Workers.Targets.Square.Start(mode),  // MP0007
};
ProcessEntry.Guard();
warm?.Join();
Console.WriteLine(await probe);

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
