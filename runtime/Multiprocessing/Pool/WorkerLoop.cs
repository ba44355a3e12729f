using Multiprocessing.Channels;
using Multiprocessing.Serialization;
using Multiprocessing.Wire;

namespace Multiprocessing.Pool;

/// <summary>
/// A pool worker's life in the child: run the initializer, say ready, then take tasks from the task log (shared
/// memory the parent created for this worker) and run them on the same thread, so a task costs no thread hand-off.
/// Each task's results go to the result log as soon as it ends: if the worker dies, the parent knows exactly which
/// task it was running. A second thread reads the connection, which carries only cancellations now: it forwards them
/// to the task, and when the connection ends (the parent retired this worker, or died) it stops the worker.
/// </summary>
internal sealed class WorkerLoop
{
    private readonly FrameConnection _connection;
    private readonly MessageLog _tasks;
    private readonly MessageLog _results;
    private readonly Lock _cancelLock = new(); // the running task, its cancellation and early cancellations
    private readonly HashSet<long> _cancelledBeforeStart = [];
    private readonly Dictionary<string, ProcessTarget?> _targets = [];
    private readonly ArgumentWriter _resultsWriter = new();
    private readonly PayloadWriter _errors = new();
    private readonly PayloadWriter _done = new();
    private readonly MessageLog.MessageReader<bool> _runTask;
    private CancellationTokenSource _cancellation = new();
    private long _runningTask; // 0 between tasks (chunk ids start at 1)
    private volatile bool _parentGone;

    private WorkerLoop(FrameConnection connection, MessageLog tasks, MessageLog results)
    {
        _connection = connection;
        _tasks = tasks;
        _results = results;
        _runTask = message =>
        {
            var reader = new PayloadReader(message);
            RunTask(reader.Int64(), reader.String(), reader.Int32(), reader.Bytes());
            return true;
        };
    }

    public static int Run(FrameConnection connection, byte[] workPayload)
    {
        var work = new PayloadReader(workPayload);
        ProcessEntry.CurrentName = work.String();
        string initializer = work.String();
        byte[] initializerArguments = work.Bytes().ToArray();
        string taskLog = work.String(), resultLog = work.String();
        if (initializer.Length > 0 && RunInitializer(connection, initializer, initializerArguments) is { } failed)
        {
            return failed;
        }

        var loop = new WorkerLoop(
            connection,
            MessageLog.Open("pool task log", taskLog, PoolLogs.TaskLogType, "pool tasks"),
            MessageLog.Open("pool result log", resultLog, PoolLogs.ResultLogType, "pool results"));
        new Thread(loop.Watch) { IsBackground = true, Name = "Multiprocessing pool worker watch" }.Start();
        connection.Send(FrameKind.Ready, default);
        return loop.Serve();
    }

    private int Serve()
    {
        try
        {
            while (!_parentGone)
            {
                if (_tasks.TryRead(_runTask, out _))
                {
                    continue;
                }

                if (_tasks.IsCompleted)
                {
                    break; // the watcher saw the connection end while this thread waited
                }

                _tasks.WaitForData(-1, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ObjectDisposedException)
        {
        }

        // The parent closed the connection (it retired this worker) or died: either way, stop.
        ProcessEntry.RemoveFilesOfGoneParent(); // only if it died: a retired worker leaves its parent's files alone
        return 0;
    }

    private void RunTask(long id, string target, int count, ReadOnlySpan<byte> arguments)
    {
        if (!_targets.TryGetValue(target, out var descriptor))
        {
            _targets[target] = descriptor = ProcessEntry.FindTarget(target);
        }

        CancellationToken token;
        lock (_cancelLock)
        {
            if (!_cancellation.TryReset())
            {
                _cancellation.Dispose();
                _cancellation = new CancellationTokenSource();
            }

            if (_cancelledBeforeStart.Remove(id))
            {
                _cancellation.Cancel();
            }

            _runningTask = id;
            token = _cancellation.Token;
        }

        _resultsWriter.Clear();
        _errors.Clear();
        int errorCount = RunChunk(descriptor, target, count, arguments, _resultsWriter, _errors, token);
        Channels.AttachedChannels.CloseAll();
        lock (_cancelLock)
        {
            _runningTask = 0;
        }

        // one task per message for now (the message holds a count so results could travel together)
        _done.Clear();
        _done.Int32(1).Int64(id).Bytes(_resultsWriter.WrittenMemory.Span).Int32(errorCount).Bytes(_errors.WrittenSpan);
        _results.Write(_done.WrittenSpan);
    }

    /// <summary>
    /// Reads the connection for the worker's whole life (a blocked read costs nothing per task): a cancellation
    /// reaches its task, running or not yet started; the end of the connection ends the worker, at once if a task runs
    /// (its parent is gone or gave it up), otherwise by waking the main loop.
    /// </summary>
    private void Watch()
    {
        try
        {
            while (_connection.Receive() is { } frame)
            {
                if (frame.Kind != FrameKind.Cancel)
                {
                    continue;
                }

                long id = new PayloadReader(frame.Payload).Int64();
                lock (_cancelLock)
                {
                    if (id == _runningTask)
                    {
                        _cancellation.Cancel();
                    }
                    else
                    {
                        _cancelledBeforeStart.Add(id); // its task has not started yet (or has ended: harmless)
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ObjectDisposedException)
        {
        }

        bool running;
        lock (_cancelLock)
        {
            _parentGone = true;
            running = _runningTask != 0;
        }

        if (running)
        {
            ProcessEntry.RemoveFilesOfGoneParent();
            Environment.Exit(0); // the parent is gone: do not finish its task
        }

        try
        {
            _tasks.Complete(); // wakes the main loop if it waits for a task
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Runs every item of a chunk; an item that throws fails alone. Returns how many failed.</summary>
    /// <remarks>Optimized at once: a map's hot loop would otherwise start in unoptimized code.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static int RunChunk(ProcessTarget? descriptor, string target, int count, ReadOnlySpan<byte> arguments, ArgumentWriter results, PayloadWriter errors, CancellationToken cancellationToken)
    {
        if (descriptor is null)
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
                var pending = descriptor.Run(ref reader, results, cancellationToken);
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
            var target = ProcessEntry.FindTarget(initializer)
                ?? throw new InvalidOperationException($"Process target '{initializer}' is not registered in this program.");
            var reader = new ArgumentReader(arguments);
            var pending = target.Run(ref reader, new ArgumentWriter(), CancellationToken.None);
            if (!pending.IsCompletedSuccessfully)
            {
                pending.AsTask().GetAwaiter().GetResult();
            }

            return null;
        }
        catch (Exception e)
        {
            var (type, message, text) = ProcessEntry.Describe(e);
            Console.Error.WriteLine($"Pool worker {ProcessEntry.CurrentName} (pid {Environment.ProcessId}): initializer {initializer} failed:{Environment.NewLine}{text}");
            var error = new PayloadWriter().String(type).String(message).String(text);
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

    private static void WriteError(PayloadWriter errors, int index, Exception e)
    {
        var (type, message, text) = ProcessEntry.Describe(e);
        errors.Int32(index).String(type).String(message).String(text);
    }
}
