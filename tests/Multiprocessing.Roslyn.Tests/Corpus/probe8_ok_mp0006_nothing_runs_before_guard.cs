// expect: none
// output: exe
// a const local and an empty statement run nothing, and a guard in a block is still the first code that runs
using Multiprocessing;

const int Count = 2;
;
{
    ProcessEntry.Guard();
}

for (int i = 0; i < Count; i++)
{
    System.Console.WriteLine(await Workers.Targets.Square.Start(i));
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;
}
