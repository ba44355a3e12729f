using System.Diagnostics;
using Multiprocessing;

namespace ChannelsBench;

/// <summary>
/// The two sides of each figure, each run in its own child process. Every side returns a <see cref="Probe"/> record
/// (<c>long[]</c>): a monotonic timestamp (<see cref="Stopwatch.GetTimestamp"/> is CLOCK_MONOTONIC, comparable across
/// processes) and its own resource use over the timed part. The clock starts in the sending child once both sides
/// passed the start barrier and stops in the receiving child when the last message is in.
/// </summary>
public static partial class QueueSides
{
    /// <summary>py.queue.small_int's producer: <c>q.put(i)</c> for i in range(n).</summary>
    [ProcessTarget]
    public static long[] ProduceInts(ProcessQueue<int> queue, ProcessBarrier start, int n, int warmup)
    {
        for (int i = 0; i < warmup; i++)
        {
            queue.Write(i);
        }

        start.SignalAndWait(); // the consumer took the warm-up items: the queue is empty
        var probe = Probe.Begin();
        for (int i = 0; i < n; i++)
        {
            queue.Write(i);
        }

        return probe.End(atStart: true);
    }

    /// <summary>py.queue.small_int's consumer: <c>q.get()</c> n times; checks the sum.</summary>
    [ProcessTarget]
    public static long[] ConsumeInts(ProcessQueue<int> queue, ProcessBarrier start, int n, int warmup)
    {
        for (int i = 0; i < warmup; i++)
        {
            queue.Read();
        }

        start.SignalAndWait();
        var probe = Probe.Begin();
        long sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += queue.Read();
        }

        var result = probe.End(atStart: false);
        Check.That(sum == (long)n * (n - 1) / 2, $"queue small ints: sum {sum}");
        return result;
    }

    /// <summary>py.queue.64KiB's producer: the same <paramref name="size"/>-byte array put n times.</summary>
    [ProcessTarget]
    public static long[] ProduceBytes(ProcessQueue<byte[]> queue, ProcessBarrier start, int n, int size, int warmup)
    {
        byte[] payload = new byte[size];
        for (int i = 0; i < warmup; i++)
        {
            queue.Write(payload);
        }

        start.SignalAndWait();
        var probe = Probe.Begin();
        for (int i = 0; i < n; i++)
        {
            queue.Write(payload);
        }

        return probe.End(atStart: true);
    }

    /// <summary>py.queue.64KiB's consumer: n arrays (a new one per item, as Python's bytes objects); checks the bytes.</summary>
    [ProcessTarget]
    public static long[] ConsumeBytes(ProcessQueue<byte[]> queue, ProcessBarrier start, int n, int size, int warmup)
    {
        for (int i = 0; i < warmup; i++)
        {
            queue.Read();
        }

        start.SignalAndWait();
        var probe = Probe.Begin();
        long bytes = 0;
        for (int i = 0; i < n; i++)
        {
            bytes += queue.Read().Length;
        }

        var result = probe.End(atStart: false);
        Check.That(bytes == (long)n * size, $"queue 64 KiB: {bytes} bytes");
        return result;
    }
}

/// <summary>The pipe figures: ping-pong (py.pipe.pingpong) and the one-way 1 MiB stream (py.pipe.send_bytes_1MiB).</summary>
public static partial class PipeSides
{
    /// <summary>How the stream's messages travel (the receiver's call is what differs, as in py_pipe.py).</summary>
    public const int Typed = 0, RawToArray = 1, RawInto = 2;

    /// <summary>The timing side of the ping-pong: <paramref name="warmup"/> untimed round trips, then n timed.</summary>
    [ProcessTarget]
    public static long[] Ping(PipeConnection<int> connection, int n, int warmup)
    {
        for (int i = 0; i < warmup; i++)
        {
            connection.Send(i);
            connection.Receive();
        }

        var probe = Probe.Begin();
        long t0 = Stopwatch.GetTimestamp();
        for (int i = 0; i < n; i++)
        {
            connection.Send(i);
            if (connection.Receive() != i)
            {
                Check.That(false, "ping-pong: wrong echo");
            }
        }

        long t1 = Stopwatch.GetTimestamp();
        var result = probe.End(atStart: false);
        result[Probe.Elapsed] = t1 - t0;
        return result;
    }

    /// <summary>py_pipe.py's echo: <c>send(recv())</c> <paramref name="count"/> times.</summary>
    [ProcessTarget]
    public static long[] Pong(PipeConnection<int> connection, int count)
    {
        var probe = Probe.Begin();
        for (int i = 0; i < count; i++)
        {
            connection.Send(connection.Receive());
        }

        return probe.End(atStart: true);
    }

    /// <summary>The stream's sender: the same <paramref name="size"/>-byte block n times.</summary>
    [ProcessTarget]
    public static long[] SendBlocks(PipeConnection<byte[]> connection, ProcessBarrier start, int n, int size, int mode, int warmup)
    {
        byte[] block = new byte[size];
        for (int i = 0; i < warmup; i++)
        {
            SendOne(connection, mode, block);
        }

        start.SignalAndWait(); // the receiver took the warm-up blocks: the pipe is empty
        var probe = Probe.Begin();
        for (int i = 0; i < n; i++)
        {
            SendOne(connection, mode, block);
        }

        return probe.End(atStart: true);
    }

    /// <summary>The stream's receiver: n blocks, by <c>Receive()</c> (a new array each), <c>ReceiveBytes()</c> (the same) or <c>ReceiveBytesInto</c> one reused buffer.</summary>
    [ProcessTarget]
    public static long[] ReceiveBlocks(PipeConnection<byte[]> connection, ProcessBarrier start, int n, int size, int mode, int warmup)
    {
        byte[] buffer = new byte[size];
        long bytes = 0;
        for (int i = 0; i < warmup; i++)
        {
            bytes += ReceiveOne(connection, mode, buffer);
        }

        start.SignalAndWait();
        var probe = Probe.Begin();
        bytes = 0;
        for (int i = 0; i < n; i++)
        {
            bytes += ReceiveOne(connection, mode, buffer);
        }

        var result = probe.End(atStart: false);
        Check.That(bytes == (long)n * size, $"pipe stream: {bytes} bytes");
        return result;
    }

    private static void SendOne(PipeConnection<byte[]> connection, int mode, byte[] block)
    {
        if (mode == Typed)
        {
            connection.Send(block);
        }
        else
        {
            connection.SendBytes(block);
        }
    }

    private static int ReceiveOne(PipeConnection<byte[]> connection, int mode, byte[] buffer) => mode switch
    {
        Typed => connection.Receive().Length,
        RawToArray => connection.ReceiveBytes().Length,
        _ => connection.ReceiveBytesInto(buffer),
    };
}
