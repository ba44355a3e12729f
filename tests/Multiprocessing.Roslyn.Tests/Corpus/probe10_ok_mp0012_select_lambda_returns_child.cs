// expect: none
// OPEN CASE, silent by the letter of MP0012.md ("handed on: returned ... captured by a lambda"): a Select lambda
// returns each child, so each counts as handed on, although the list they end up in is thrown away
using System.Linq;
using Multiprocessing;

public static class Jobs
{
    public static void FanOut(string[] names)
    {
        var children = names.Select(n => Workers.Targets.Work.Start(n, 1)).ToList();
        System.Console.WriteLine($"{children.Count} started");
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
