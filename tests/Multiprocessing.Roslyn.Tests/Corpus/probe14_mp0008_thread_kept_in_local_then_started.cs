// expect: MP0008@16 MP0007@29 MP0006@36 MP0007@38 MP0008@58
// output: exe
// a lambda given to an object that is run at once (MP0007.md: "given to an object run at once (new Thread(...).Start(),
// new Lazy<T>(...).Value)"), written the usual way: the Thread, Task or Lazy is kept in a local first, configured,
// then started, run or read on the next lines, in the same static constructor, module initializer or entry point
using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Multiprocessing;

public static class Warmup
{
    static Warmup()
    {
        var thread = new Thread(() => Workers.Targets.Ping.Start().Join());  // MP0008
        thread.IsBackground = true;
        thread.Start();
    }

    public static int Touch;
}

public static class Hooks
{
    [ModuleInitializer]
    internal static void Init()
    {
        var task = new Task(() => Workers.Targets.Ping.Start().Join());  // MP0007
        task.RunSynchronously();
    }
}

public static class Program
{
    public static void Main()
    {
        var warm = new Thread(() => Workers.Targets.Ping.Start().Join());  // MP0007
        warm.Start();
        ProcessEntry.Guard();
        warm.Join();
        Console.WriteLine(Warmup.Touch);
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Ping() { }
}

public static class Prefetch
{
    public static readonly ChildProcess Child;

    static Prefetch()
    {
        var lazy = new Lazy<ChildProcess>(() => Workers.Targets.Ping.Start());  // MP0008
        Child = lazy.Value;
    }
}
