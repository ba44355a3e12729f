using Multiprocessing;

namespace PipeDemo;

public static partial class Numbers
{
    /// <summary>The seed's sender: sends each item, then closes its end.</summary>
    [ProcessTarget]
    public static void Send(PipeConnection<int> connection, int[] items)
    {
        foreach (int item in items)
        {
            Console.WriteLine($"Child (PID {Environment.ProcessId}) sends: {item}");
            connection.Send(item);
        }

        Console.WriteLine("Child sent everything and closes its end.");
        connection.Dispose();
    }
}
