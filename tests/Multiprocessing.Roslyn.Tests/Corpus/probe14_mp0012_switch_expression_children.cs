// expect: MP0012@18 MP0012@19 MP0012@29 MP0012@30 MP0012@37
// children chosen by a switch expression, as by ?: (whose arms MP0012 already follows): one local that is only
// looked at (MP0012.md: "a local that is only looked at (child.Pid, child.Name, string interpolation)") and one
// discard ("a discard _ = ...Start(...)"); neither child is ever joined; and a one-look Name of a child started as
// the right operand of ?? ("a one-look Start(...).Pid")
using System;
using System.Threading.Tasks;
using Multiprocessing;

public enum Mode { Fast, Thorough }

public static class Scheduler
{
    public static void Launch(Mode mode)
    {
        var child = mode switch
        {
            Mode.Fast => Workers.Targets.Scan.Start("quick", 1),  // MP0012
            _ => Workers.Targets.Scan.Start("full", 10),  // MP0012
        };
        Console.WriteLine($"scanning in {child.Name} ({child.Pid})");
    }

    public static async Task Fire(Mode mode)
    {
        Console.WriteLine("firing");
        _ = mode switch
        {
            Mode.Fast => Workers.Targets.Scan.Start("quick", 1),  // MP0012
            Mode.Thorough => Workers.Targets.Scan.Start("full", 10),  // MP0012
            _ => throw new ArgumentOutOfRangeException(nameof(mode)),
        };
        await Task.Delay(10);
    }

    public static string Reuse(ChildProcess? running) =>
        (running ?? Workers.Targets.Scan.Start("fallback", 1)).Name;  // MP0012
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Scan(string name, int depth) { }
}
