// expect: MP0008@13 MP0007@19
// output: exe
// the entry point is Main of a class nested in another, guarding through an alias (using P = ...ProcessEntry):
// the nested class's static initializer runs before Main (MP0007: "the static constructor, or a static initializer,
// of the type holding the entry point"); the outer class is another type (MP0008); after the aliased guard, starting
// a process (here inside a lock) is fine
using System;
using Multiprocessing;
using P = Multiprocessing.ProcessEntry;

public static partial class App
{
    public static readonly ChildProcess Outer = Workers.Targets.Work.Start(0);  // MP0008

    public static class Program
    {
        private static readonly object s_gate = new();

        private static readonly ChildProcess s_warm = Workers.Targets.Work.Start(1);  // MP0007

        public static int Main(string[] args)
        {
            P.Guard();
            lock (s_gate)
            {
                using var child = Workers.Targets.Work.Start(args.Length);
                child.Join();
            }

            s_warm.Join();
            Outer.Join();
            return 0;
        }
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Work(int n) { }
}
