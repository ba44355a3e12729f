// expect: MP0004@10 MP0004@13
// object and interfaces without a formatter
using Multiprocessing;

public interface IJob { int Run(); }

public static partial class Workers
{
    [ProcessTarget]
    public static object Describe(int n) => n;  // MP0004

    [ProcessTarget]
    public static int Run(IJob job) => job.Run();  // MP0004
}
