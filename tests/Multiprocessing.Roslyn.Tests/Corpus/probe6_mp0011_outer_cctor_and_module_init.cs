// expect: MP0011@36
// assigned outside the static's own type, by code that also runs in the child: a module initializer, and the target's
// own type's static constructor (silent); by another type's field initializer without a static constructor (reported)
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

public static class Limits
{
    public static int Max = 4;
    public static int Min;
}

public static partial class Workers
{
    static Workers() => Limits.Max = 8;

    [ProcessTarget]
    public static int Clamp(int n) => System.Math.Min(n, Limits.Max);

    [ProcessTarget]
    public static string Greet() => "hello " + Culture.Name;

    // another type's initializer: the runtime may run it after Floor has started, or not at all
    [ProcessTarget]
    public static int Floor(int n) => System.Math.Max(n, Limits.Min);  // MP0011
}

public static partial class Settings
{
    private static readonly int s_seeded = Limits.Min = 2;

    public static int Seeded => s_seeded;
}
