// expect: MP0006@12
// output: exe
// async Task Main in a class that awaits (flushing a log) before the guard: the await runs again in every child
using System;
using System.Threading.Tasks;
using Multiprocessing;

namespace App;

public static class Program
{
    public static async Task Main(string[] args)  // MP0006
    {
        await Console.Out.WriteLineAsync("booting");
        ProcessEntry.Guard();
        var total = 0;
        foreach (var arg in args)
        {
            total += await Workers.Targets.Square.Start(arg.Length);
        }

        Console.WriteLine(total);
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;
}
