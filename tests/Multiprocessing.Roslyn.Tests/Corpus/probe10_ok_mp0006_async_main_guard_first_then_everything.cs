// expect: none
// output: exe
// async Task Main in a class with the guard first: after it, an await, a using statement, a ?:, a switch expression,
// an interpolated Start(...) (joined afterwards) and a foreach over Select all run only in the parent
using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Multiprocessing;

namespace App;

public static class Program
{
    public static async Task Main(string[] args)
    {
        ProcessEntry.Guard();
        await Console.Out.WriteLineAsync("booting");
        using (var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            var warm = args.Length > 0 ? Workers.Targets.Work.Start("warm", 1) : null;
            var probe = args.Length switch
            {
                0 => Workers.Targets.Square.Start(1),
                _ => Workers.Targets.Square.Start(args.Length),
            };
            if (warm is not null)
            {
                await warm.JoinAsync(cts.Token);
            }

            Console.WriteLine(await probe);
        }

        var logged = Workers.Targets.Work.Start("logged", 0);
        Console.WriteLine($"started {logged.Pid}");
        await logged.JoinAsync();

        foreach (var child in args.Select(a => Workers.Targets.Square.Start(a.Length)))
        {
            Console.WriteLine(await child);
        }
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
