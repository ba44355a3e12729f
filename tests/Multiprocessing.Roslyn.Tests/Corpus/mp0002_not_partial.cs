// expect: MP0002@8
// the containing type must be partial
using Multiprocessing;

public static class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;  // MP0002
}
