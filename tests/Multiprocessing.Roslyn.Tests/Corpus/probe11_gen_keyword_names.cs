// expect: none
// targets and parameters named with keywords and contextual keywords, and like the shared bases' members
using System.Threading;
using Multiprocessing;

public static partial class Names
{
    [ProcessTarget]
    public static int @class(int @event, int @this, int @int) => @event;

    [ProcessTarget]
    public static int value(int value, string args, int result, int writer) => value;

    [ProcessTarget]
    public static int nameof(int nameof, int var, int dynamic, int global, int await, int async) => nameof;

    [ProcessTarget]
    public static void record(string StartChild, string StartChildWithoutResult, string With, string Start, string Id, string Name) { }

    [ProcessTarget]
    public static int Tokens(int __a0, int __token, CancellationToken cancellationToken, int ___a2 = 2) => __a0;

    [ProcessTarget]
    public static int Solo(int _) => _;

    [ProcessTarget]
    public static int options(int options, int target, int a1, int a2, int id, int name, int __arguments, int Invoke) => a1;
}

public static class UseNames
{
    public static ChildProcess<int> A() => Names.Targets.@class.Start(@event: 1, @this: 2, @int: 3);
    public static ChildProcess<int> B() => Names.Targets.value.Start(value: 1, args: "a", result: 2, writer: 3);
    public static ChildProcess<int> C() => Names.Targets.nameof.Start(1, 2, 3, 4, 5, async: 6);
    public static ChildProcess D() => Names.Targets.record.Start("a", "b", "c", "d", "e", Name: "f");
    public static ChildProcess<int> E(CancellationToken ct) => Names.Targets.Tokens.Start(1, 2, ct);
    public static ChildProcess<int> F() => Names.Targets.Solo.Start(_: 1);
    public static ChildProcess<int> G() => Names.Targets.options.Start(1, 2, 3, 4, 5, 6, 7, Invoke: 8);
}
