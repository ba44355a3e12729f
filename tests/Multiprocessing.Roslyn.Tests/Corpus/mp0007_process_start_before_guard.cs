// expect: MP0006@9 MP0007@12
// output: exe
// Process.Start of this program before the guard
using System.Diagnostics;
using Multiprocessing;

public static class Program
{
    public static void Main()  // MP0006
    {
        var self = new Process { StartInfo = new ProcessStartInfo(System.Environment.ProcessPath!) };
        self.Start();  // MP0007
        ProcessEntry.Guard();
        self.WaitForExit();
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
