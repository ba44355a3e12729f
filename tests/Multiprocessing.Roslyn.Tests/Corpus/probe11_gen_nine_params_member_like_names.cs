// expect: none
// full descriptors (9 and 10 parameters) whose parameters are named like the descriptor's and bases' members,
// keywords, tuple-reserved-looking names, a token in the middle, and a parameter named _
using System.Threading;
using System.Threading.Tasks;
using Multiprocessing;

public static partial class WideNames
{
    [ProcessTarget]
    public static string Join(string writer, string arguments, string result, string options, string id, string name,
        string target, string a1, string @class, string @event = "e") => writer + @class + @event;

    [ProcessTarget]
    public static async Task<long> Tokened(int Id, int Name, int Options, CancellationToken cancellationToken, int With,
        int WriteArguments, int Invoke, int Start, int Item, int Rest1) { await Task.Yield(); return Id; }

    [ProcessTarget]
    public static ValueTask Nine(int value, int args, int global, int nameof, int var, int dynamic, int await, int __a0, int default1 = -1) =>
        default;

    [ProcessTarget]
    public static int Count(int a, int b, int c, int d, int e, int f, int g, int h, int _) => a;
}

public static class UseWideNames
{
    public static ChildProcess<string> A() => WideNames.Targets.Join.Start("w", "a", "r", "o", "i", "n", "t", "a1", @class: "c");
    public static ChildProcess<long> B(CancellationToken ct) => WideNames.Targets.Tokened.Start(1, 2, 3, ct, 4, 5, 6, 7, 8, 9);
    public static ChildProcess C() => WideNames.Targets.Nine.Start(1, 2, 3, 4, 5, 6, 7, 8);
    public static ChildProcess<int> D() => WideNames.Targets.Count.Start(1, 2, 3, 4, 5, 6, 7, 8, _: 9);
}
