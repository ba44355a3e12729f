using Multiprocessing;

namespace QueueDemo;

public static partial class Fruits
{
    /// <summary>The seed's put_data: puts each item on the queue.</summary>
    [ProcessTarget]
    public static void Produce(ProcessQueue<string> queue, string[] items)
    {
        foreach (string item in items)
        {
            Console.WriteLine($"Producer (PID {Environment.ProcessId}) puts: {item}");
            queue.Write(item);
        }
    }

    /// <summary>The seed's get_data: takes items until the queue is completed and empty.</summary>
    [ProcessTarget]
    public static async Task Consume(ProcessQueue<string> queue)
    {
        await foreach (string item in queue.Reader.ReadAllAsync())
        {
            Console.WriteLine($"Consumer (PID {Environment.ProcessId}) gets: {item}");
        }

        Console.WriteLine("Queue completed and empty: the consumer stops.");
    }
}
