// expect: none
// output: exe
// the entry point is an async Main of a class not named Program, guarding through using static; a method of the
// user's own named Guard elsewhere is not ProcessEntry.Guard
using System;
using System.Threading.Tasks;
using Multiprocessing;
using static Multiprocessing.ProcessEntry;

internal static class App
{
    private static async Task<int> Main(string[] args)
    {
        Guard();
        Policy.Guard(args.Length);
        return await Workers.Targets.Square.Start(args.Length);
    }
}

public static class Policy
{
    public static void Guard(int count)
    {
        if (count > 10) throw new ArgumentOutOfRangeException(nameof(count));
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;
}
