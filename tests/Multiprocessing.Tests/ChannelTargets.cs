using System.Diagnostics;
using System.Threading.Channels;
using Multiprocessing.Channels;

namespace Multiprocessing.Tests;

/// <summary>Targets for <see cref="QueueTests"/> and <see cref="PipeTests"/>: queues and pipe ends passed to real children.</summary>
public static partial class ChannelTargets
{
    /// <summary>How long a child waits for something its test sends before it gives up (a bug fails, never hangs).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    // ---- queues --------------------------------------------------------------------------------------------------

    /// <summary>Writes <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> - 1, in order.</summary>
    [ProcessTarget]
    public static void Produce(ProcessQueue<int> queue, int first, int count, bool complete)
    {
        for (int i = 0; i < count; i++)
        {
            queue.Write(first + i);
        }

        if (complete)
        {
            queue.Complete();
        }
    }

    /// <summary>Reads until the queue is completed and empty (ReadAllAsync); returns the items in the order read.</summary>
    [ProcessTarget]
    public static async Task<int[]> ConsumeAll(ProcessQueue<int> queue)
    {
        var items = new List<int>();
        await foreach (int item in queue.Reader.ReadAllAsync())
        {
            items.Add(item);
        }

        return [.. items];
    }

    /// <summary>Reads exactly <paramref name="count"/> items with the blocking Read.</summary>
    [ProcessTarget]
    public static int[] Take(ProcessQueue<int> queue, int count)
    {
        var items = new int[count];
        for (int i = 0; i < count; i++)
        {
            items[i] = queue.TryRead(out int item, Patience) ? item : throw new TimeoutException($"item {i} of {count} did not come");
        }

        return items;
    }

    /// <summary>Reads until completion and writes each item doubled to <paramref name="output"/>, then completes it.</summary>
    [ProcessTarget]
    public static void Double(ProcessQueue<int> input, ProcessQueue<int> output)
    {
        while (input.TryRead(out int item, Patience))
        {
            output.Write(item * 2);
        }

        if (!input.IsCompleted)
        {
            throw new TimeoutException("the input queue was never completed");
        }

        output.Complete();
    }

    /// <summary>TryRead with a timeout on a queue nobody writes to.</summary>
    [ProcessTarget]
    public static (bool Got, long ElapsedMilliseconds) TryReadEmpty(ProcessQueue<int> queue, int timeoutMilliseconds)
    {
        var watch = Stopwatch.StartNew();
        bool got = queue.TryRead(out _, TimeSpan.FromMilliseconds(timeoutMilliseconds));
        return (got, watch.ElapsedMilliseconds);
    }

    /// <summary>Writes to a completed queue: what the sync and the channel-shaped writers say.</summary>
    [ProcessTarget]
    public static async Task<string> WriteAfterComplete(ProcessQueue<int> queue)
    {
        string sync, channelWrite;
        try
        {
            queue.Write(1);
            sync = "no exception";
        }
        catch (ChannelClosedException e)
        {
            sync = $"{e.GetType().Name}: {e.Message}";
        }

        try
        {
            await queue.Writer.WriteAsync(2);
            channelWrite = "no exception";
        }
        catch (ChannelClosedException e)
        {
            channelWrite = e.GetType().Name;
        }

        return $"{sync}|{channelWrite}|TryWrite={queue.Writer.TryWrite(3)}|WaitToWrite={await queue.Writer.WaitToWriteAsync()}";
    }

    /// <summary>
    /// Writes <paramref name="count"/> arrays of <paramref name="size"/> bytes (index in the first four, the index's low byte
    /// after) and exits: nobody reads while it runs.
    /// </summary>
    [ProcessTarget]
    public static void Flood(ProcessQueue<byte[]> queue, int first, int count, int size)
    {
        for (int i = first; i < first + count; i++)
        {
            queue.Write(Pattern(i, size));
        }
    }

    /// <summary>Writes a message of <paramref name="bigSize"/> bytes, <paramref name="smallCount"/> small ones, and a big one again.</summary>
    [ProcessTarget]
    public static void SendBigAndSmall(ProcessQueue<byte[]> queue, int bigSize, int smallCount, int smallSize)
    {
        queue.Write(Pattern(-1, bigSize));
        for (int i = 0; i < smallCount; i++)
        {
            queue.Write(Pattern(i, smallSize));
        }

        queue.Write(Pattern(-2, bigSize));
    }

    /// <summary>Takes <paramref name="count"/> items, "processes" each (its square to <paramref name="results"/>), then marks it done.</summary>
    [ProcessTarget]
    public static void ProcessAndMarkDone(ProcessQueue<int> work, ProcessQueue<int> results, int count, int delayMilliseconds)
    {
        for (int i = 0; i < count; i++)
        {
            int item = work.TryRead(out int x, Patience) ? x : throw new TimeoutException($"work item {i} did not come");
            Thread.Sleep(delayMilliseconds);
            results.Write(item * item);
            work.TaskDone();
        }
    }

    /// <summary>Takes <paramref name="count"/> items, marks each done, then once more: returns what that says.</summary>
    [ProcessTarget]
    public static string TaskDoneTooOften(ProcessQueue<int> queue, int count)
    {
        for (int i = 0; i < count; i++)
        {
            _ = queue.TryRead(out _, Patience) ? 0 : throw new TimeoutException($"item {i} did not come");
            queue.TaskDone();
        }

        try
        {
            queue.TaskDone();
            return "no exception";
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

    /// <summary>Reprices every order until the input completes, then writes them back as one list and one dictionary.</summary>
    [ProcessTarget]
    public static void RepriceOrders(ProcessQueue<Order> input, ProcessQueue<List<Order>> output, ProcessQueue<Dictionary<string, int[]>> quantities, decimal factor)
    {
        var orders = new List<Order>();
        while (input.TryRead(out var order, Patience))
        {
            orders.Add(order with { Prices = order.Prices.ToDictionary(p => p.Key, p => p.Value * factor) });
        }

        output.Write(orders);
        quantities.Write(orders.ToDictionary(o => o.Customer, o => o.Quantities));
    }

    /// <summary>Opens the queue named <paramref name="name"/> as a queue of strings: returns the error.</summary>
    [ProcessTarget]
    public static string OpenQueueAsStrings(string name)
    {
        try
        {
            using var log = MessageLog.Open("queue", name, MessageCodec<string>.TypeHash, MessageCodec<string>.TypeName);
            return "opened";
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

    /// <summary>Writes raw <paramref name="bytes"/> to the queue of ints named <paramref name="name"/>: a message no reader can deserialize.</summary>
    [ProcessTarget]
    public static void WriteRaw(string name, byte[] bytes)
    {
        using var log = MessageLog.Open("queue", name, MessageCodec<int>.TypeHash, MessageCodec<int>.TypeName);
        log.Write(bytes);
    }

    /// <summary>
    /// Writes big arrays tagged <paramref name="tag"/> as fast as it can (one array reused: nearly all the time is spent
    /// inside the producer lock), up to <paramref name="count"/>, then waits to be killed.
    /// </summary>
    [ProcessTarget]
    public static void ProduceUntilKilled(ProcessQueue<byte[]> queue, byte tag, int count, int size)
    {
        var item = new byte[size];
        item[0] = tag;
        for (int i = 0; i < count; i++)
        {
            BitConverter.TryWriteBytes(item.AsSpan(1), i);
            queue.Write(item);
        }

        Thread.Sleep(60_000);
    }

    /// <summary>Reads as fast as it can until killed (or nothing comes for a while).</summary>
    [ProcessTarget]
    public static void ConsumeUntilKilled(ProcessQueue<byte[]> queue)
    {
        while (queue.TryRead(out _, Patience))
        {
        }
    }

    /// <summary>Writes <paramref name="count"/> small arrays tagged <paramref name="tag"/> (index after the tag).</summary>
    [ProcessTarget]
    public static void ProduceTagged(ProcessQueue<byte[]> queue, byte tag, int count)
    {
        for (int i = 0; i < count; i++)
        {
            var item = new byte[5];
            item[0] = tag;
            BitConverter.TryWriteBytes(item.AsSpan(1), i);
            queue.Write(item);
        }
    }

    // ---- pipes ---------------------------------------------------------------------------------------------------

    /// <summary>Sends each item; closes the end explicitly only when <paramref name="close"/> says so (else the target's return does).</summary>
    [ProcessTarget]
    public static void SendItems(PipeConnection<int> end, int[] items, bool close)
    {
        foreach (int item in items)
        {
            end.Send(item);
        }

        if (close)
        {
            end.Dispose();
        }
    }

    /// <summary>Answers every message with the message plus one until the other end closes; returns how many it answered.</summary>
    [ProcessTarget]
    public static int EchoPlusOne(PipeConnection<int> end)
    {
        int answered = 0;
        using var cancel = new CancellationTokenSource(Patience);
        while (true)
        {
            int message;
            try
            {
                message = end.Receive(cancel.Token);
            }
            catch (EndOfStreamException)
            {
                return answered;
            }

            end.Send(message + 1);
            answered++;
        }
    }

    /// <summary>Sums everything received until the other end closes (ReceiveAllAsync); returns (sum, count, in order).</summary>
    [ProcessTarget]
    public static async Task<(long Sum, int Count, bool InOrder)> SumReceived(PipeConnection<int> end)
    {
        long sum = 0;
        int count = 0, last = int.MinValue;
        bool inOrder = true;
        using var cancel = new CancellationTokenSource(Patience);
        await foreach (int item in end.ReceiveAllAsync(cancel.Token))
        {
            sum += item;
            count++;
            inOrder &= item > last;
            last = item;
        }

        return (sum, count, inOrder);
    }

    /// <summary>Sends the same pattern as raw bytes, then as a typed message.</summary>
    [ProcessTarget]
    public static void SendPattern(PipeConnection<byte[]> end, int size)
    {
        byte[] pattern = Pattern(7, size);
        end.SendBytes(pattern);
        end.Send(pattern);
    }

    /// <summary>Sends one byte (no int can be read from it), then <paramref name="value"/>; the end closes as the target returns.</summary>
    [ProcessTarget]
    public static void SendUndecodableThen(PipeConnection<int> end, int value)
    {
        end.SendBytes([1]);
        end.Send(value);
    }

    /// <summary>Waits for the other end to close, then sends: returns what that says.</summary>
    [ProcessTarget]
    public static string SendAfterPeerClosed(PipeConnection<int> end)
    {
        using var cancel = new CancellationTokenSource(Patience);
        try
        {
            end.Receive(cancel.Token);
            return "a message came instead of the end of the stream";
        }
        catch (EndOfStreamException)
        {
        }

        try
        {
            end.Send(1);
            return "no exception";
        }
        catch (IOException e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    /// <summary>Sends one message (the end is now attached here), then waits to be killed.</summary>
    [ProcessTarget]
    public static void SendThenSleep(PipeConnection<int> end, int message)
    {
        end.Send(message);
        Thread.Sleep(60_000);
    }

    /// <summary>Waits for a message and answers it times ten; the end closes as the target returns.</summary>
    [ProcessTarget]
    public static void AnswerWhenAsked(PipeConnection<int> end)
    {
        using var cancel = new CancellationTokenSource(Patience);
        end.Send(end.Receive(cancel.Token) * 10);
    }

    /// <summary>The bytes <see cref="Flood"/> and the pipe targets send: <paramref name="index"/>, then its low byte repeated.</summary>
    public static byte[] Pattern(int index, int size)
    {
        var bytes = new byte[size];
        bytes.AsSpan().Fill(unchecked((byte)index));
        BitConverter.TryWriteBytes(bytes, index);
        return bytes;
    }

    /// <summary>Whether <paramref name="bytes"/> is <see cref="Pattern"/>(<paramref name="index"/>, <paramref name="size"/>).</summary>
    public static bool IsPattern(ReadOnlySpan<byte> bytes, int index, int size)
    {
        if (bytes.Length != size || (size >= 4 && BitConverter.ToInt32(bytes) != index))
        {
            return false;
        }

        return size <= 4 || !bytes[4..].ContainsAnyExcept(unchecked((byte)index));
    }
}
