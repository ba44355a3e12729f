using Multiprocessing;

namespace PipeDemo;

/// <summary>The seed's process_pipe.py: a child sends 1..5 and closes its end; the parent receives until the pipe ends.</summary>
public static class Demo
{
    public static async Task RunAsync()
    {
        var (parentEnd, childEnd) = ProcessPipe.Create<int>();
        using (parentEnd)
        {
            using var sender = Numbers.Targets.Send.Start(childEnd, [1, 2, 3, 4, 5]);
            childEnd.Dispose();   // the child owns that end now; this only closes the parent's copy

            // Python's `except EOFError`: the enumeration ends when the child closes its end.
            await foreach (int item in parentEnd.ReceiveAllAsync())
            {
                Console.WriteLine($"Parent (PID {Environment.ProcessId}) receives: {item}");
            }

            Console.WriteLine("The child closed its end: the parent stops receiving.");
            await sender.JoinAsync();
        }

        Console.WriteLine("Main process done.");
    }
}
