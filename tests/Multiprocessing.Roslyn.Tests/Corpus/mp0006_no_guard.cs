// expect: MP0006@7
// output: exe
// an executable with targets and no guard
using System;
using Multiprocessing;

Console.WriteLine("parent");  // MP0006
Console.WriteLine(await Workers.Targets.Square.Start(3));

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
