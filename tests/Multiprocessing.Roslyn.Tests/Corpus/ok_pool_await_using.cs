// expect: none
// output: exe
// the seed's pool, in a with block
using System;
using System.Linq;
using System.Threading.Tasks;
using Multiprocessing;

ProcessEntry.Guard();

await using var pool = new ProcessPool(workers: 4);
int[] squares = await pool.MapAsync(Workers.Targets.Square, Enumerable.Range(1, 10));
Task<int> one = pool.ApplyAsync(Workers.Targets.Square, 7);
Console.WriteLine($"{string.Join(",", squares)} {await one}");

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
