using Multiprocessing;

namespace QueueDemo;

/// <summary>The seed's process_queue.py: a producer puts three fruits, a consumer takes them until the queue is done.</summary>
public static class Demo
{
    public static async Task RunAsync()
    {
        using var queue = new ProcessQueue<string>();
        using var producer = Fruits.Targets.Produce.Start(queue, ["apple", "banana", "cherry"]);
        using var consumer = Fruits.Targets.Consume.Start(queue);

        await producer.JoinAsync();   // never a deadlock: the producer's items wait in the queue, not in the producer
        queue.Complete();             // no more items: the consumer drains the queue and stops (no timeout guessing)
        await consumer.JoinAsync();
        Console.WriteLine("Main process done.");
    }
}
