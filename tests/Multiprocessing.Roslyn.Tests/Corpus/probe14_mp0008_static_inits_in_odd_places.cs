// expect: MP0008@16 MP0008@23 MP0008@32 MP0008@40 MP0007@35
// output: exe
// static initialization that starts processes (MP0008.md: "every static constructor and static initializer that
// MP0007 does not"): a static field of an interface, a static property initializer of a record struct, the static
// constructor of a class nested in the entry point's class (another type than the one holding Main), and a
// System.Diagnostics.Process started through new Process { ... }.Start() in a static initializer; the partial Program
// of top-level statements holds the entry point, so its own static field is MP0007
using System.Diagnostics;
using Multiprocessing;

ProcessEntry.Guard();
System.Console.WriteLine(IWarm.Ready.Pid + Settings.Probe.Pid + Program.Nested.Count + Tools.Started.GetHashCode() + Early.Pid);

public interface IWarm
{
    static readonly ChildProcess Ready = Workers.Targets.Work.Start(1);  // MP0008
}

public readonly record struct Settings(int Level)
{
    public static Settings Default { get; } = new(1);

    public static ChildProcess Probe { get; } = Workers.Targets.Work.Start(2);  // MP0008
}

public static partial class Program
{
    public static class Nested
    {
        public static int Count;

        static Nested() => Workers.Targets.Work.Start(3).Join();  // MP0008
    }

    private static readonly ChildProcess Early = Workers.Targets.Work.Start(4);  // MP0007
}

public static class Tools
{
    public static readonly bool Started = new Process { StartInfo = new ProcessStartInfo("true") }.Start();  // MP0008
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Work(int n) { }
}
