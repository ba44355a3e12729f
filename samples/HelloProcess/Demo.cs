namespace HelloProcess;

/// <summary>The seed's hello_process.py: two workers, started and joined.</summary>
public static class Demo
{
    public static async Task RunAsync()
    {
        Console.WriteLine($"Main process (PID: {Environment.ProcessId}) started.");

        using var p1 = Workers.Targets.Work.Start("Worker-1", 2);
        using var p2 = Workers.Targets.Work.Start("Worker-2", 3);
        Console.WriteLine("Main process started two child processes.");

        // Without joining, the main process would carry on (and, here, wait for them when it ends).
        await p1.JoinAsync();
        await p2.JoinAsync();
        Console.WriteLine($"Main process done: all children exited (exit codes {p1.ExitCode}, {p2.ExitCode}).");
    }
}
