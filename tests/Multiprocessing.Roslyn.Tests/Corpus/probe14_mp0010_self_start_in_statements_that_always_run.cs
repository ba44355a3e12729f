// expect: MP0010@19 MP0010@28 MP0010@37 MP0010@55 MP0010@68
// a target that always starts itself (MP0010.md): the call sits in a using statement, a lock, a try block, a
// checked block, and a using declaration after a switch statement that has no exit: none of these is a condition,
// a loop or an exit before the call
using System;
using System.Threading.Tasks;
using Multiprocessing;

public static partial class Spiral
{
    private static readonly object s_gate = new();

    [ProcessTarget]
    public static void Logged(int depth)
    {
        Console.WriteLine($"depth {depth}");
        using (var log = new System.IO.StringWriter())
        {
            Targets.Logged.Start(depth + 1).Join();  // MP0010
        }
    }

    [ProcessTarget]
    public static void Locked(int depth)
    {
        lock (s_gate)
        {
            Targets.Locked.Start(depth + 1).Join();  // MP0010
        }
    }

    [ProcessTarget]
    public static async Task<int> Guarded(int depth)
    {
        try
        {
            return await Targets.Guarded.Start(depth + 1);  // MP0010
        }
        catch (ChildProcessException)
        {
            return -1;
        }
        finally
        {
            Console.WriteLine("done");
            Targets.Logged.Start(depth).Join();
        }
    }

    [ProcessTarget]
    public static long Checked(long n)
    {
        checked
        {
            return Targets.Checked.Start(n * 2).GetAwaiter().GetResult();  // MP0010
        }
    }

    [ProcessTarget]
    public static int Switched(int n)
    {
        switch (n % 2)
        {
            case 0: Console.WriteLine("even"); break;
            default: Console.WriteLine("odd"); break;
        }

        using var child = Targets.Switched.Start(n + 1);  // MP0010
        return child.GetAwaiter().GetResult();
    }
}
