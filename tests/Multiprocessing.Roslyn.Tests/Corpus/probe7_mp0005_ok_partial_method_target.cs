// expect: none
// a partial method (C# 9 extended partial methods) is one target, declared in two places
using Multiprocessing;

public static partial class Workers
{
    [ProcessTarget]
    public static partial int Square(int n);
}

public static partial class Workers
{
    public static partial int Square(int n) => n * n;

    public static string Name => Targets.Square.Name;
}
