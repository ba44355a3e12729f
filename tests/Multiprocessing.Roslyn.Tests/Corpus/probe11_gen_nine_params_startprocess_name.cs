// expect: none
// full descriptor (10 parameters): a parameter named like the base's StartProcess method
using Multiprocessing;

public static partial class Wide
{
    [ProcessTarget]
    public static void Launch(string name, int a, int b, int c, int d, int e, int f, int g, int h, bool StartProcess = false) { }
}

public static class UseWide
{
    public static ChildProcess Go() => Wide.Targets.Launch.Start("x", 1, 2, 3, 4, 5, 6, 7, 8, StartProcess: true);
}
