// expect: MP0011@19 MP0011@20
// a static property and a counter the parent bumps
using System.Threading;
using Multiprocessing;

public static partial class Jobs
{
    private static int s_started;

    public static string Mode { get; set; } = "fast";

    public static void Configure(string mode) => Mode = mode;

    public static void Note() => Interlocked.Increment(ref s_started);

    [ProcessTarget]
    public static string Describe()
    {
        var mode = Mode;  // MP0011
        return mode + s_started;  // MP0011
    }
}
