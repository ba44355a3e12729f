// expect: none
// default values of every literal kind the stub has to reproduce
using System;
using Multiprocessing;

namespace Defaults
{
    public enum Color { Red = -1, Green, Blue }

    [Flags]
    public enum Access : byte { None = 0, Read = 1, Write = 2, Exec = 4, All = Read | Write | Exec }

    public enum Huge : long { Min = long.MinValue, Max = long.MaxValue }

    public enum Wide : ulong { Top = ulong.MaxValue }

    public static class Limits
    {
        public const int Max = 42;
        public const string Greeting = "hi \"there\"\t\\";
    }

    public static partial class Lit
    {
        [ProcessTarget]
        public static int Enums(Color c = Color.Red, Access a = Access.Read | Access.Write, Access b = (Access)64,
            Huge h = Huge.Min, Wide w = Wide.Top, Color? maybe = Color.Blue, Access? none = null) => 0;

        [ProcessTarget]
        public static int Integers(int i = int.MinValue, long l = long.MinValue, long m = long.MaxValue, ulong u = ulong.MaxValue,
            uint ui = uint.MaxValue, short s = -32768, sbyte sb = -128, byte b = 255, ushort us = 65535, int max = Limits.Max, int? ni = -5, long? nl = 7) => 0;

        [ProcessTarget]
        public static int Natives(nint n = -1, nuint un = 5, nint big = int.MaxValue) => 0;

        [ProcessTarget]
        public static int Floats(double nan = double.NaN, double inf = double.PositiveInfinity, double ninf = double.NegativeInfinity,
            double eps = double.Epsilon, double negZero = -0.0, double min = double.MinValue, float f = 1.1f, float fnan = float.NaN,
            float fmax = float.MaxValue, float fe = float.Epsilon, double? nd = 2.5, float? nf = null) => 0;

        [ProcessTarget]
        public static int Decimals(decimal m = 1.50m, decimal max = decimal.MaxValue, decimal min = decimal.MinValue,
            decimal tiny = 0.0000000000000000000000000001m, decimal? nm = -3.25m) => 0;

        [ProcessTarget]
        public static int Chars(char nl = '\n', char q = '\'', char bs = '\\', char nul = '\0', char last = '\uFFFF',
            char sur = '\uD800', char dq = '"', char tab = '\t', char nel = '\u0085', char ls = '\u2028', char? nc = 'x') => 0;

        [ProcessTarget]
        public static int Strings(string q = "say \"hi\"", string path = @"C:\temp\new", string uni = "héllo ✓ 日本 😀",
            string lone = "\uD83D", string ctl = "\0\a\b\f\v\r\n", string seps = "\u2028\u2029\u0085", string? none = null,
            string g = Limits.Greeting, string n = nameof(Limits), string empty = "", string braces = "{0} {{}}") => 0;

        [ProcessTarget]
        public static int Structs(DateTime when = default, TimeSpan span = new TimeSpan(), Guid id = default, bool flag = true,
            (int Count, string Name) pair = default, int[]? items = null, Color c2 = default) => 0;
    }

    public static class UseLit
    {
        public static ChildProcess<int> A() => Lit.Targets.Enums.Start(b: Access.All);
        public static ChildProcess<int> B() => Lit.Targets.Integers.Start(l: 3);
        public static ChildProcess<int> C() => Lit.Targets.Natives.Start();
        public static ChildProcess<int> D() => Lit.Targets.Floats.Start(f: 2f);
        public static ChildProcess<int> E() => Lit.Targets.Decimals.Start();
        public static ChildProcess<int> F() => Lit.Targets.Chars.Start(q: 'q');
        public static ChildProcess<int> G() => Lit.Targets.Strings.Start(path: "p");
        public static ChildProcess<int> H() => Lit.Targets.Structs.Start(flag: false);
    }
}
