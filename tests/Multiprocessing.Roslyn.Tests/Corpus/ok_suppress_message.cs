// expect: none
// [SuppressMessage] suppresses a warning
using System.Diagnostics.CodeAnalysis;
using Multiprocessing;

public static partial class Jobs
{
    public static int Cache;

    public static void Fill() => Cache = 42;

    [ProcessTarget]
    [SuppressMessage("Reliability", "MP0011:Static state is not shared with child processes", Justification = "per-process cache")]
    public static int Read() => Cache;
}

public static class Warmer
{
    [SuppressMessage("Reliability", "MP0008:Process created in a static constructor or static initializer", Justification = "deliberate")]
    public static readonly ChildProcess Warm = Jobs.Targets.Read.Start();
}
