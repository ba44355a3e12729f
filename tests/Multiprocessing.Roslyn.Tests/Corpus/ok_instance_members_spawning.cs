// expect: none
// instance constructors and fields run when an object is created
using Multiprocessing;

public sealed class Job : System.IDisposable
{
    private readonly ChildProcess _child = Workers.Targets.Work.Start("field", 1);
    private readonly ChildProcess _other;

    public Job() => _other = Workers.Targets.Work.Start("ctor", 1);

    public void Dispose()
    {
        _child.Dispose();
        _other.Dispose();
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
