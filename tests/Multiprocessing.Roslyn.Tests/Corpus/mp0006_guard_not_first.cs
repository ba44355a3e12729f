// expect: MP0006@9
// output: exe
// the guard must be the first statement
using System;
using Multiprocessing;

public static class Program
{
    public static void Main(string[] args)  // MP0006
    {
        Console.WriteLine("runs again in every child");
        ProcessEntry.Guard();
        Workers.Targets.Work.Start("w", 1).Join();
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
