// expect: MP0010@17 MP0010@29 MP0010@40 MP0010@51
// a target that always starts itself (MP0010.md: "a target that always starts itself is a spawn bomb"), where the
// call is what an if, a switch, a foreach or a pattern test evaluates first: it runs every time the target runs,
// before anything is tested, so nothing about it is conditional; only what follows is
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Multiprocessing;

public static partial class Bombs
{
    [ProcessTarget]
    public static bool Retry(int attempt)
    {
        Console.WriteLine($"attempt {attempt}");
        // the if tests the child's outcome: the child itself is always started
        if (!Targets.Retry.Start(attempt + 1).Join(TimeSpan.FromSeconds(30)))  // MP0010
        {
            Console.WriteLine("timed out");
        }

        return true;
    }

    [ProcessTarget]
    public static async Task<string> Classify(int n)
    {
        // the switch governs on the child's result: the child always runs first
        return await Targets.Classify.Start(n + 1) switch  // MP0010
        {
            "" => "empty",
            var s => s,
        };
    }

    [ProcessTarget]
    public static async Task<List<int>> Expand(int n)
    {
        var all = new List<int> { n };
        foreach (var x in await Targets.Expand.Start(n + 1))  // MP0010
        {
            all.Add(x);
        }

        return all;
    }

    [ProcessTarget]
    public static async Task<int?> Probe(int n)
    {
        if (await Targets.Probe.Start(n + 1) is int deeper)  // MP0010
        {
            return deeper + 1;
        }

        return null;
    }
}
