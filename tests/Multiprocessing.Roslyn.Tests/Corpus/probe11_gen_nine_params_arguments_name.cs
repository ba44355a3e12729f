// expect: none
// more parameters than the shared bases take (full descriptor), one of them named like the stub's own local
using Multiprocessing;

public static partial class Wide
{
    [ProcessTarget]
    public static int Sum(int a, int b, int c, int d, int e, int f, int g, int h, int __arguments) =>
        a + b + c + d + e + f + g + h + __arguments;
}

public static class UseWide
{
    public static ChildProcess<int> Go() => Wide.Targets.Sum.Start(1, 2, 3, 4, 5, 6, 7, 8, __arguments: 9);
}
