// expect: MP0005@14
// overloads in two partial declarations
using Multiprocessing;

public static partial class Workers
{
    [ProcessTarget]
    public static void Work(int n) { }
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Work(string name) { }  // MP0005
}
