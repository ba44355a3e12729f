// expect: MP0003@19 MP0003@22 MP0003@25 MP0003@28 MP0003@31 MP0004@34 MP0004@34
// signatures the dispatcher cannot call (MP0003.md): a ref readonly parameter (a by-reference parameter, like ref,
// out and in), a function pointer, an array of function pointers, a ref return, a scoped span; not MP0003 but MP0004
// (code and untyped data cannot be serialized): a dynamic parameter and a Func<> result
using System;
using System.Threading.Tasks;
using Multiprocessing;

public struct Matrix
{
    public double M11, M12, M21, M22;
}

public static unsafe partial class Numerics
{
    private static int s_slot;

    [ProcessTarget]
    public static double Trace(ref readonly Matrix m) => m.M11 + m.M22;  // MP0003

    [ProcessTarget]
    public static int Apply(delegate*<int, int> f, int x) => f(x);  // MP0003

    [ProcessTarget]
    public static int ApplyAll(delegate*<int, int>[] fs, int x) => x;  // MP0003

    [ProcessTarget]
    public static ref int Slot() => ref s_slot;  // MP0003

    [ProcessTarget]
    public static int Length(scoped ReadOnlySpan<char> text) => text.Length;  // MP0003

    [ProcessTarget]
    public static Func<int> Later(dynamic seed) => () => 0;  // MP0004 twice
}
