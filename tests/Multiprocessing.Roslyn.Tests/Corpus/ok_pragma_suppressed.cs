// expect: none
// output: exe
// #pragma suppresses a deliberate forgotten join
using Multiprocessing;

ProcessEntry.Guard();
#pragma warning disable MP0012 // joined by the runtime when the program ends
_ = Workers.Targets.Work.Start("background", 1);
#pragma warning restore MP0012

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
