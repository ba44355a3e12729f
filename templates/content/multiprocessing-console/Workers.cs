using Multiprocessing;

namespace MultiprocessingConsole;

/// <summary>Process targets: static methods that run in a child process. The class must be <c>partial</c>.</summary>
public static partial class Workers
{
    /// <summary>Says hello from the child process it runs in.</summary>
    /// <param name="name">Who says hello.</param>
    [ProcessTarget]
    public static void Greet(string name) =>
        Console.WriteLine($"Hello from {name} ({ProcessEntry.CurrentName}, pid {Environment.ProcessId})");

    /// <summary>Squares a number, in whichever pool worker runs it.</summary>
    /// <param name="n">The number to square.</param>
    /// <returns><paramref name="n"/> squared.</returns>
    [ProcessTarget]
    public static int Square(int n) => n * n;
}
