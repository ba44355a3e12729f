// expect: MP0015@10 MP0015@18
// a target named Targets, and a nested class of that name that is not partial
using Multiprocessing;

namespace Jobs;

public static partial class Plans
{
    [ProcessTarget]
    public static int Targets(int n) => n;  // MP0015

    [ProcessTarget]
    public static int Twice(int n) => 2 * n;
}

public partial class Board
{
    public static class Targets  // MP0015
    {
    }

    [ProcessTarget]
    public static void Pin(string note) { }
}
