// expect: MP0002@8
// the containing type must not be generic
using Multiprocessing;

public static partial class Box<T>
{
    [ProcessTarget]
    public static int Square(int n) => n * n;  // MP0002
}
