// expect: MP0005@11
// overloads share one id
using Multiprocessing;

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static long Square(long n) => n * n;  // MP0005
}
