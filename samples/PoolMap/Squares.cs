using Multiprocessing;

namespace PoolMap;

public static partial class Squares
{
    /// <summary>The seed's square(n): slow on purpose, and says which worker process computed it.</summary>
    [ProcessTarget]
    public static int Square(int n)
    {
        Thread.Sleep(500); // simulate a slow computation
        int result = n * n;
        Console.WriteLine($"Process {Environment.ProcessId} computed {n}^2 = {result}");
        return result;
    }
}
