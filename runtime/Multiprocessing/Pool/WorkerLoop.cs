using Multiprocessing.Serialization;
using Multiprocessing.Wire;

namespace Multiprocessing.Pool;

/// <summary>
/// A pool worker's life in the child: run the initializer, say ready, then read tasks and run them on the same thread,
/// so a task costs no thread hand-off. Each task's results go back as soon as it ends: if the worker dies, the parent
/// knows exactly which task it was running. While a task runs for more than a moment, a watcher thread reads the
/// connection instead: it forwards cancellations to the task and ends the worker at once if the parent goes away.
/// </summary>
internal sealed class WorkerLoop
{
    private readonly FrameConnection _connection;
    private readonly Lock _readLock = new();
    private readonly Queue<(FrameKind Kind, byte[] Payload)> _readAhead = new(); // frames the watcher read during a task
    private readonly HashSet<long> _cancelledBeforeStart = [];
    private readonly ManualResetEventSlim _taskRunning = new(false);
    private readonly Dictionary<string, ProcessTargetInvoker?> _invokers = [];
    private readonly ArgumentWriter _results = new();
    private readonly PayloadWriter _errors = new();
    private readonly PayloadWriter _done = new();
    private CancellationTokenSource _cancellation = new();
    private long _sequence; // odd while a task runs
    private long _runningTask;

    private WorkerLoop(FrameConnection connection) => _connection = connection;

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

        var loop = new WorkerLoop(connection);
        new Thread(loop.Watch) { IsBackground = true, Name = "Multiprocessing pool worker watch" }.Start();
        connection.Send(FrameKind.Ready, default);
        return loop.Serve();
    }

    private int Serve()
    {
        try
        {
            while (NextFrame() is { } frame)
            {
                var reader = new PayloadReader(frame.Payload);
                if (frame.Kind == FrameKind.Task)
                {
                    RunTask(reader.Int64(), reader.String(), reader.Int32(), reader.Bytes());
                }
                else if (frame.Kind == FrameKind.Cancel)
                {
                    _cancelledBeforeStart.Add(reader.Int64()); // its task has not started yet (or has ended: harmless)
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ObjectDisposedException)
        {
        }

        // The parent closed the connection (it retired this worker) or died: either way, stop.
        ProcessEntry.RemoveFilesOfGoneParent(); // only if it died: a retired worker leaves its parent's files alone
        return 0;
    }

    private (FrameKind Kind, byte[] Payload)? NextFrame()
    {
        lock (_readLock)
        {
            if (_readAhead.TryDequeue(out var early))
            {
                return early;
            }

            return _connection.Receive();
        }
    }

    private void RunTask(long id, string target, int count, ReadOnlySpan<byte> arguments)
    {
        if (!_invokers.TryGetValue(target, out var invoker))
        {
            _invokers[target] = invoker = ProcessEntry.FindTarget(target);
        }

        if (!_cancellation.TryReset())
        {
            _cancellation.Dispose();
            _cancellation = new CancellationTokenSource();
        }

        if (_cancelledBeforeStart.Remove(id))
        {
            _cancellation.Cancel();
        }

        _results.Clear();
        _errors.Clear();
        Volatile.Write(ref _runningTask, id);
        Interlocked.Increment(ref _sequence);
        _taskRunning.Set();
        int errorCount = RunChunk(invoker, target, count, arguments, _results, _errors, _cancellation.Token);
        Channels.AttachedChannels.CloseAll();
        _taskRunning.Reset();
        Interlocked.Increment(ref _sequence);

        // one task per frame for now (the frame holds a count so results could travel together)
        _done.Clear();
        _done.Int32(1).Int64(id).Bytes(_results.WrittenMemory.Span).Int32(errorCount).Bytes(_errors.WrittenSpan);
        _connection.Send(FrameKind.TaskDone, _done.WrittenSpan);
    }

    /// <summary>
    /// Reads the connection while a task runs longer than a moment (short tasks never wake this thread): a cancellation
    /// reaches the running task, other frames wait for the main loop, and the end of the connection ends the worker.
    /// </summary>
    private void Watch()
    {
        while (true)
        {
            _taskRunning.Wait();
            long task = Volatile.Read(ref _sequence);
            Thread.Sleep(1);
            while (Volatile.Read(ref _sequence) == task && (task & 1) == 1)
            {
                if (!_connection.HasBufferedFrame && !_connection.WaitReadable(10))
                {
                    continue;
                }

                lock (_readLock)
                {
                    if (Volatile.Read(ref _sequence) != task)
                    {
                        break; // the task ended: the main loop reads again
                    }

                    if (!_connection.HasBufferedFrame && !_connection.WaitReadable(0))
                    {
                        continue;
                    }

                    (FrameKind Kind, byte[] Payload)? frame;
                    try
                    {
                        frame = _connection.Receive();
                    }
                    catch (Exception e) when (e is IOException or InvalidDataException or ObjectDisposedException)
                    {
                        frame = null;
                    }

                    if (frame is null)
                    {
                        ProcessEntry.RemoveFilesOfGoneParent();
                        Environment.Exit(0); // the parent is gone: do not finish its task
                    }
                    else if (frame.Value.Kind == FrameKind.Cancel && new PayloadReader(frame.Value.Payload).Int64() == Volatile.Read(ref _runningTask))
                    {
                        _cancellation.Cancel();
                    }
                    else
                    {
                        _readAhead.Enqueue(frame.Value);
                    }
                }
            }
        }
    }

    /// <summary>Runs every item of a chunk; an item that throws fails alone. Returns how many failed.</summary>
    /// <remarks>Optimized at once: a map's hot loop would otherwise start in unoptimized code.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static int RunChunk(ProcessTargetInvoker? invoker, string target, int count, ReadOnlySpan<byte> arguments, ArgumentWriter results, PayloadWriter errors, CancellationToken cancellationToken)
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
            catch (Exception sendFailure) when (sendFailure is IOException or ObjectDisposedException)
            {
            }

            return 1;
        }
    }

    private static void WriteError(PayloadWriter errors, int index, Exception e) =>
        errors.Int32(index).String(e.GetType().FullName ?? e.GetType().Name).String(e.Message).String(e.ToString());
}
