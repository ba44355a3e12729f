// expect: none
// output: exe
// a labeled guard after a local function is the first statement that runs
using System.Threading.Tasks;
using Multiprocessing;

public static class Program
{
    public static async Task Main()
    {
        static int Twice(int n) => 2 * n;
        start:
        ProcessEntry.Guard();
        System.Console.WriteLine(Twice(await Workers.Targets.Square.Start(3)));
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;
}
