// expect: MP0012@9
// output: exe
// a pool outside a using
using System;
using System.Linq;
using Multiprocessing;

ProcessEntry.Guard();
var pool = new ProcessPool(workers: 2);  // MP0012
int[] squares = await pool.MapAsync(Workers.Targets.Square, Enumerable.Range(1, 10));
Console.WriteLine(string.Join(",", squares));

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
