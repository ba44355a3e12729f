// expect: MP0012@10
// a descriptor kept in a local without options is an ordinary child; one whose local is reassigned is not followed
using Multiprocessing;

public static class Jobs
{
    public static void Plain()
    {
        var work = Workers.Targets.Work;
        work.Start("a", 1);  // MP0012
    }

    public static void Reassigned(bool quiet)
    {
        var work = Workers.Targets.Work;
        if (quiet)
        {
            work = work.With(new ProcessOptions { Daemon = true });
        }

        work.Start("b", 1);
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Work(string name, int seconds)
    {
    }
}
