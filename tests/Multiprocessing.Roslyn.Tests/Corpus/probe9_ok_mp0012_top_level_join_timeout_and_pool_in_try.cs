// expect: none
// output: exe
// top-level program: a child joined with a timeout and killed if late, its exit code read afterwards,
// and a pool declared with await using inside try
using System;
using System.Linq;
using Multiprocessing;

ProcessEntry.Guard();

var child = Workers.Targets.Work.Start("slow", 5);
if (!child.Join(TimeSpan.FromSeconds(10)))
{
    child.Kill();
}

Console.WriteLine($"exit {child.ExitCode}");

try
{
    await using var pool = new ProcessPool(workers: 2);
    var squares = await pool.MapAsync(Workers.Targets.Square, Enumerable.Range(1, 4));
    Console.WriteLine(string.Join(",", squares));
}
catch (ChildProcessException e)
{
    Console.Error.WriteLine(e.Message);
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
