// expect: none
// output: exe
// awaited results inside expressions
using System;
using Multiprocessing;

ProcessEntry.Guard();
var total = await Workers.Targets.Square.Start(3) + await Workers.Targets.Square.Start(4);
Console.WriteLine(total == 25 ? "pythagoras" : "no");

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
