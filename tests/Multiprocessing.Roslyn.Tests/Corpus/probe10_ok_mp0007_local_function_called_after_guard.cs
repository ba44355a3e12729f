// expect: none
// output: exe
// a static local function that starts a process, declared before the guard and called only after it; an early
// return after the guard is fine
using System;
using Multiprocessing;

static ChildProcess<int> Square(int n) => Workers.Targets.Square.Start(n);

ProcessEntry.Guard();
if (args.Length > 3)
{
    Console.Error.WriteLine("too many arguments");
    return 1;
}

var total = 0;
for (var i = 1; i <= 3; i++)
{
    total += await Square(i);
}

Console.WriteLine($"total {total}");
return 0;

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;
}
