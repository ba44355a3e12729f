// expect: MP0006@6 MP0007@6
// output: exe
// a spawn before the guard runs in every child
using Multiprocessing;

var early = Workers.Targets.Square.Start(2);  // MP0006 MP0007
ProcessEntry.Guard();
System.Console.WriteLine(await early);

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
