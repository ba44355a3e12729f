// expect: none
// output: exe
// Main with the guard first, local functions before it are fine
using System.Threading.Tasks;
using Multiprocessing;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        static int Parse(string s) => int.Parse(s);
        ProcessEntry.Guard();
        return await Workers.Targets.Square.Start(args.Length == 0 ? 2 : Parse(args[0]));
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
