using Multiprocessing;

namespace HelloProcess;

public static partial class Workers
{
    /// <summary>The seed's worker_function: prints its PID, works for a while, says it is done.</summary>
    [ProcessTarget]
    public static void Work(string name, int seconds)
    {
        int pid = Environment.ProcessId;
        Console.WriteLine($"[{name}] process (PID: {pid}) starts working...");
        Thread.Sleep(TimeSpan.FromSeconds(seconds));
        Console.WriteLine($"[{name}] process (PID: {pid}) done, took {seconds} s.");
    }
}
