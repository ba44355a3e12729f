// expect: none
// self-starts the rule leaves alone: inside a Func<> local that is then invoked (MP0010.md: "not inside a lambda
// or a local function"), after a throw statement under an if, after an await followed by a base case, in a
// switch-expression arm, a using statement under an if, after a throw *expression* (`?? throw`), and after a goto
using System;
using System.Threading.Tasks;
using Multiprocessing;

public static partial class Chains
{
    [ProcessTarget]
    public static void Chain(int n)
    {
        Func<int, ChildProcess> next = k => Targets.Chain.Start(k);
        next(n + 1).Join();
    }

    [ProcessTarget]
    public static void Guarded(int n)
    {
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n));
        }

        Targets.Guarded.Start(n - 1).Join();
    }

    [ProcessTarget]
    public static async Task<int> Count(int n)
    {
        await Task.Yield();
        if (n == 0)
        {
            return 0;
        }

        return await Targets.Count.Start(n - 1) + 1;
    }

    [ProcessTarget]
    public static async Task<int> Fib(int n) => n switch
    {
        < 2 => n,
        _ => await Targets.Fib.Start(n - 1) + await Targets.Fib.Start(n - 2),
    };

    [ProcessTarget]
    public static void Nested(int depth)
    {
        if (depth > 0)
        {
            using (var child = Targets.Nested.Start(depth - 1))
            {
                child.Join();
            }
        }
    }

    [ProcessTarget]
    public static void Named(string? label, int n)
    {
        var name = label ?? throw new ArgumentNullException(nameof(label));
        Targets.Named.Start(name, n + 1).Join();
    }

    [ProcessTarget]
    public static void Jump(int n)
    {
        if (n == 0)
        {
            goto done;
        }

        Targets.Jump.Start(n - 1).Join();
    done:
        Console.WriteLine(n);
    }
}
