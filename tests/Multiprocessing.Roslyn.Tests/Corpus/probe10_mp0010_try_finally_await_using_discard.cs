// expect: MP0010@16 MP0010@33 MP0010@41 MP0010@47 MP0010@54 MP0012@54 MP0010@60
// self-starts that are still unconditional: through With(...) inside try, in a finally, after an await, as the
// resource of a using statement, as a discard (also MP0012: the child is dropped), and after a throw *helper*
// call (a call, not a throw statement: MP0010.md lists only return, throw, yield break and goto)
using System;
using System.Threading.Tasks;
using Multiprocessing;

public static partial class Chains
{
    [ProcessTarget]
    public static void Retry(int attempt)
    {
        try
        {
            Targets.Retry.With(new ProcessOptions { Name = $"retry-{attempt}" }).Start(attempt + 1).Join();  // MP0010
        }
        finally
        {
            Console.WriteLine($"attempt {attempt} done");
        }
    }

    [ProcessTarget]
    public static void Cleanup(int n)
    {
        try
        {
            Console.WriteLine(n);
        }
        finally
        {
            Targets.Cleanup.Start(n + 1).Join();  // MP0010
        }
    }

    [ProcessTarget]
    public static async Task<int> Later(int n)
    {
        await Task.Delay(10);
        return await Targets.Later.Start(n + 1);  // MP0010
    }

    [ProcessTarget]
    public static void Scoped(int n)
    {
        using (var child = Targets.Scoped.Start(n + 1))  // MP0010
        {
            child.Join();
        }
    }

    [ProcessTarget]
    public static void Fire(int n) { _ = Targets.Fire.Start(n + 1); }  // MP0010 MP0012

    [ProcessTarget]
    public static void Checked(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        Targets.Checked.Start(n - 1).Join();  // MP0010
    }
}
