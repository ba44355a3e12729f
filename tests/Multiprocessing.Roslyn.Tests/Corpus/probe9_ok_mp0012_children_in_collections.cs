// expect: none
// children kept in an array slot, a collection expression, an array initializer and a List filled in a loop,
// then joined in a loop or with Task.WhenAll: stored in a collection counts as handed on (MP0012.md)
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Multiprocessing;

public static class Batch
{
    public static void Slots(int count)
    {
        var children = new ChildProcess[count];
        for (var i = 0; i < count; i++)
        {
            children[i] = Workers.Targets.Work.Start($"w{i}", 1);
        }

        foreach (var child in children)
        {
            child.Join();
        }
    }

    public static async Task Expression()
    {
        List<ChildProcess> children = [Workers.Targets.Work.Start("a", 1), Workers.Targets.Work.Start("b", 1)];
        await Task.WhenAll(children.Select(c => c.JoinAsync()));
    }

    public static void Initializer()
    {
        var children = new[] { Workers.Targets.Work.Start("x", 1), Workers.Targets.Work.Start("y", 1) };
        foreach (var child in children) child.Join();
    }

    public static async Task<int> Squares(int n)
    {
        var running = new List<ChildProcess<int>>();
        for (var i = 1; i <= n; i++)
        {
            var child = Workers.Targets.Square.Start(i);
            running.Add(child);
        }

        var results = await Task.WhenAll(running.Select(async c => await c));
        return results.Sum();
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
