// expect: MP0011@24 MP0011@27
// assigned outside the static's own type: by the enclosing type's static constructor, and by a module initializer
using System.Runtime.CompilerServices;
using Multiprocessing;

internal static class Boot
{
    [ModuleInitializer]
    internal static void Init() => Culture.Name = "en";
}

public static class Culture
{
    public static string Name = "invariant";
}

public static partial class Workers
{
    static Workers() => Limits.Max = 8;

    public static class Limits { public static int Max = 4; }

    [ProcessTarget]
    public static int Clamp(int n) => System.Math.Min(n, Limits.Max);  // MP0011 by the doc's letter

    [ProcessTarget]
    public static string Greet() => "hello " + Culture.Name;  // MP0011 by the doc's letter
}
