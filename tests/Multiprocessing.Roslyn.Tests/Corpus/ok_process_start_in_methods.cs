// expect: none
// Process.Start in ordinary methods, instance constructors and fields
using System.Diagnostics;
using Multiprocessing;

public sealed class Shell
{
    private readonly Process? _editor = Process.Start("true");

    public Shell() => Process.Start("true")?.WaitForExit();

    public static int Run(string file)
    {
        using var p = Process.Start(file);
        p?.WaitForExit();
        return p?.ExitCode ?? -1;
    }

    public void Close() => _editor?.Kill();
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
