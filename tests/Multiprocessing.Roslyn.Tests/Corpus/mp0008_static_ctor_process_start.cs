// expect: MP0008@11
// Process.Start in a static constructor
using System.Diagnostics;

public static class Tools
{
    public static readonly string Version;

    static Tools()
    {
        using var git = Process.Start("git", "--version");  // MP0008
        Version = git?.StandardOutput.ReadToEnd() ?? "";
    }
}

public static partial class Unused
{
    [Multiprocessing.ProcessTarget]
    public static int Square(int n) => n * n;

    [Multiprocessing.ProcessTarget]
    public static void Work(string name, int seconds) { }
}
