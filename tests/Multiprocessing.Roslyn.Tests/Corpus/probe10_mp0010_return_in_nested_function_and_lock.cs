// expect: MP0010@19 MP0010@29 MP0010@37
// a return inside a local function or a lambda does not end the target: the self-start after it is still
// unconditional; a lock statement is not a condition either
using System;
using Multiprocessing;

public static partial class Spinners
{
    private static readonly object s_gate = new();

    [ProcessTarget]
    public static void Spin(int n)
    {
        static int Next(int v)
        {
            return v + 1;
        }

        Targets.Spin.Start(Next(n)).Join();  // MP0010
    }

    [ProcessTarget]
    public static void Twirl(int n)
    {
        Func<int, int> next = v =>
        {
            return v + 1;
        };
        Targets.Twirl.Start(next(n)).Join();  // MP0010
    }

    [ProcessTarget]
    public static void Locked(int n)
    {
        lock (s_gate)
        {
            Targets.Locked.Start(n + 1).Join();  // MP0010
        }
    }
}
