// expect: none
// ordinary overloads and same names in other types
using Multiprocessing;

public static partial class A
{
    [ProcessTarget]
    public static void Work(int n) { }

    public static void Work(string s) { }
}

public static partial class B
{
    [ProcessTarget]
    public static void Work(int n) { }
}
