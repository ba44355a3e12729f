// expect: MP0003@10
// a method exported to native code cannot become the delegate the child calls (CS8902): MP0003 says so
using System.Runtime.InteropServices;
using Multiprocessing;

public static partial class Exports
{
    [ProcessTarget]
    [UnmanagedCallersOnly(EntryPoint = "add")]
    public static int Add(int a, int b) => a + b;
}
