// expect: none
// a CancellationToken first, in the middle, last, with a default, twice, alone; with eight arguments (the largest
// shared base) and with nine (a full descriptor), returning void, Task, ValueTask and values
using System.Threading;
using System.Threading.Tasks;
using Multiprocessing;

public static partial class Tokens
{
    [ProcessTarget]
    public static int First(CancellationToken ct, int a, string b) => a;

    [ProcessTarget]
    public static void Middle(int a, CancellationToken ct, string b) { }

    [ProcessTarget]
    public static async Task Last(int a, CancellationToken ct = default) => await Task.Delay(a, ct);

    [ProcessTarget]
    public static ValueTask Alone(CancellationToken ct) => default;

    [ProcessTarget]
    public static ValueTask<int> Twice(CancellationToken first, int a, CancellationToken second) => new(a);

    [ProcessTarget]
    public static int NewDefault(int a, CancellationToken ct = new CancellationToken()) => a;

    [ProcessTarget]
    public static int EightFirst(CancellationToken ct, int a, int b, int c, int d, int e, int f, int g, int h) => a;

    [ProcessTarget]
    public static Task<int> EightLast(int a, int b, int c, int d, int e, int f, int g, int h, CancellationToken ct = default) => Task.FromResult(a);

    [ProcessTarget]
    public static void NineMiddle(int a, int b, int c, int d, CancellationToken ct, int e, int f, int g, int h, int i = 9) { }

    [ProcessTarget]
    public static Task NineTwice(CancellationToken x, int a, int b, int c, int d, int e, int f, int g, int h, int i, CancellationToken y) => Task.CompletedTask;
}

public static class UseTokens
{
    public static ChildProcess<int> A(CancellationToken t) => Tokens.Targets.First.Start(t, 1, "b");
    public static ChildProcess B(CancellationToken t) => Tokens.Targets.Middle.Start(1, ct: t, b: "x");
    public static ChildProcess C() => Tokens.Targets.Last.Start(1);
    public static ChildProcess D() => Tokens.Targets.Alone.Start(CancellationToken.None);
    public static ChildProcess<int> E(CancellationToken t) => Tokens.Targets.Twice.Start(t, 1, t);
    public static ChildProcess<int> F() => Tokens.Targets.NewDefault.Start(1);
    public static ChildProcess<int> G(CancellationToken t) => Tokens.Targets.EightFirst.Start(t, 1, 2, 3, 4, 5, 6, 7, 8);
    public static ChildProcess<int> H() => Tokens.Targets.EightLast.Start(1, 2, 3, 4, 5, 6, 7, 8);
    public static ChildProcess I(CancellationToken t) => Tokens.Targets.NineMiddle.Start(1, 2, 3, 4, t, 5, 6, 7, 8);
    public static ChildProcess J(CancellationToken t) => Tokens.Targets.NineTwice.Start(t, 1, 2, 3, 4, 5, 6, 7, 8, 9, t);
}
