// expect: MP0006@8 MP0007@9
// output: exe
// a lambda passed to Select and enumerated by foreach before the guard: passed to a method, it runs there
using System;
using System.Linq;
using Multiprocessing;

foreach (var child in args.Select(  // MP0006 (first statement)
    a => Workers.Targets.Square.Start(a.Length)))  // MP0007
{
    Console.WriteLine(await child);
}

ProcessEntry.Guard();

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;
}
