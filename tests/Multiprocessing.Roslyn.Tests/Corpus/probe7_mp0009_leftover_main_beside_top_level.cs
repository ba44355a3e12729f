// expect: MP0009@20
// output: exe
// top-level statements are the entry point; a leftover Program-like Main elsewhere (CS7022) is an ordinary method
using System;
using Multiprocessing;

ProcessEntry.Guard();
Console.WriteLine(await Workers.Targets.Square.Start(5));

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;
}

public static class LegacyProgram
{
    public static void Main(string[] args)
    {
        ProcessEntry.Guard();  // MP0009
        Console.WriteLine("old entry");
    }
}
