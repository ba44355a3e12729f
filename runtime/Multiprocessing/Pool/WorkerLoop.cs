using System.Collections.Concurrent;
using Multiprocessing.Serialization;
using Multiprocessing.Wire;

namespace Multiprocessing.Pool;

/// <summary>
/// A pool worker's life in the child: run the initializer, say ready, then run chunks until the parent closes the
/// connection. A reader thread takes frames off the socket at once, so cancellations arrive while a chunk runs and
/// the worker dies with its parent even in the middle of a task.
/// </summary>
internal static class WorkerLoop
{
    public static int Run(FrameConnection connection, byte[] workPayload)
    {
        var work = new PayloadReader(workPayload);
        ProcessEntry.CurrentName = work.String();
        string initializer = work.String();
        byte[] initializerArguments = work.Bytes().ToArray();
        if (initializer.Length > 0 && RunInitializer(connection, initializer, initializerArguments) is { } failed)
        {
            return failed;
        }

        var tasks = new BlockingCollection<(long Id, string Target, int Count, byte[] Arguments, CancellationTokenSource Cancellation)>();
        var cancellations = new ConcurrentDictionary<long, CancellationTokenSource>();
        StartReader(connection, tasks, cancellations);
        connection.Send(FrameKind.Ready, default);

        var invokers = new Dictionary<string, ProcessTargetInvoker?>();
        var results = new ArgumentWriter();
        var errors = new PayloadWriter();
        foreach (var task in tasks.GetConsumingEnumerable())
        {
            if (!invokers.TryGetValue(task.Target, out var invoker))
            {
                invokers[task.Target] = invoker = ProcessEntry.FindTarget(task.Target);
            }

            results.Clear();
            errors.Clear();
            int errorCount = RunChunk(invoker, task.Target, task.Count, task.Arguments, results, errors, task.Cancellation.Token);
            cancellations.TryRemove(task.Id, out _);
            task.Cancellation.Dispose();
            var done = new PayloadWriter().Int64(task.Id).Bytes(results.WrittenMemory.Span).Int32(errorCount).Bytes(errors.WrittenSpan);
            try
            {
                connection.Send(FrameKind.TaskDone, done.WrittenSpan);
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or ObjectDisposedException)
            {
                return ProcessEntry.ParentGoneExitCode;
            }
        }

        return 0;
    }

    /// <summary>Runs every item of a chunk; an item that throws fails alone. Returns how many failed.</summary>
    private static int RunChunk(ProcessTargetInvoker? invoker, string target, int count, byte[] arguments, ArgumentWriter results, PayloadWriter errors, CancellationToken cancellationToken)
    {
        if (invoker is null)
        {
            var missing = new InvalidOperationException($"Process target '{target}' is not registered in this program.");
            for (int i = 0; i < count; i++)
            {
                WriteError(errors, i, missing);
            }

            return count;
        }

        int failed = 0;
        var reader = new ArgumentReader(arguments);
        for (int i = 0; i < count; i++)
        {
            try
            {
                var pending = invoker(ref reader, results, cancellationToken);
                if (!pending.IsCompletedSuccessfully)
                {
                    pending.AsTask().GetAwaiter().GetResult();
                }
            }
            catch (Exception e)
            {
                WriteError(errors, i, e);
                failed++;
            }
        }

        return failed;
    }

    private static int? RunInitializer(FrameConnection connection, string initializer, byte[] arguments)
    {
        try
        {
            var invoker = ProcessEntry.FindTarget(initializer)
                ?? throw new InvalidOperationException($"Process target '{initializer}' is not registered in this program.");
            var reader = new ArgumentReader(arguments);
            var pending = invoker(ref reader, new ArgumentWriter(), CancellationToken.None);
            if (!pending.IsCompletedSuccessfully)
            {
                pending.AsTask().GetAwaiter().GetResult();
            }

            return null;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"Pool worker {ProcessEntry.CurrentName} (pid {Environment.ProcessId}): initializer {initializer} failed:{Environment.NewLine}{e}");
            var error = new PayloadWriter().String(e.GetType().FullName ?? e.GetType().Name).String(e.Message).String(e.ToString());
            try
            {
                connection.Send(FrameKind.Error, error.WrittenSpan);
            }
            catch (Exception sendFailure) when (sendFailure is System.Net.Sockets.SocketException or ObjectDisposedException)
            {
            }

            return 1;
        }
    }

    private static void WriteError(PayloadWriter errors, int index, Exception e) =>
        errors.Int32(index).String(e.GetType().FullName ?? e.GetType().Name).String(e.Message).String(e.ToString());

    private static void StartReader(
        FrameConnection connection,
        BlockingCollection<(long, string, int, byte[], CancellationTokenSource)> tasks,
        ConcurrentDictionary<long, CancellationTokenSource> cancellations)
    {
        var thread = new Thread(() =>
        {
            try
            {
                while (connection.Receive() is { } frame)
                {
                    var reader = new PayloadReader(frame.Payload);
                    if (frame.Kind == FrameKind.Task)
                    {
                        long id = reader.Int64();
                        string target = reader.String();
                        int count = reader.Int32();
                        var cancellation = new CancellationTokenSource();
                        cancellations[id] = cancellation;
                        tasks.Add((id, target, count, reader.Bytes().ToArray(), cancellation));
                    }
                    else if (frame.Kind == FrameKind.Cancel && cancellations.TryGetValue(reader.Int64(), out var cancellation))
                    {
                        cancellation.Cancel();
                    }
                }
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or InvalidDataException or ObjectDisposedException)
            {
            }

            // The parent closed the connection (the pool retired this worker) or died: either way, stop now.
            Environment.Exit(0);
        })
        {
            IsBackground = true,
            Name = "Multiprocessing pool worker reader",
        };
        thread.Start();
    }
}
