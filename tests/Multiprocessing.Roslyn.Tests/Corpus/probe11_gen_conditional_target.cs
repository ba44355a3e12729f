// expect: MP0003@10
// a [Conditional] target cannot become the delegate the child calls (CS1618): MP0003 says so
using System.Diagnostics;
using Multiprocessing;

public static partial class Tracing
{
    [ProcessTarget]
    [Conditional("TRACE_CHILDREN")]
    public static void Trace(string message, int level = 1) { }
}
