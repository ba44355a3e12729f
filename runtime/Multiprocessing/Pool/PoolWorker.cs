using Multiprocessing.Channels;
using Multiprocessing.Serialization;
using Multiprocessing.Wire;

namespace Multiprocessing.Pool;

/// <summary>The parent's handle on one pool worker: a child process running <see cref="WorkerLoop"/>.</summary>
/// <remarks>
/// Tasks and their results travel through two <see cref="MessageLog"/>s in shared memory that the parent creates for
/// the worker (a round trip there costs a few microseconds, a socket's tens). The socket stays for the rest: the
/// handshake, readiness, an initializer's failure, cancellations, and the worker's life: its closing is the worker's
/// end. A dedicated thread reads the results (it spins briefly, then sleeps on a futex); once the worker has exited,
/// whatever it published before it died is read before its exit is reported, so a finished chunk is never taken for
/// a lost one. A message the worker was writing when it died was never published.
/// </remarks>
internal sealed class PoolWorker : ChildProcess
{
    private readonly ProcessPool _pool;
    private readonly PoolInitializer? _initializer;
    private readonly Dictionary<long, Chunk> _inFlight = [];
    private readonly MessageLog _tasks;
    private readonly MessageLog _results;
    private readonly Lock _taskLock = new(); // one writer at a time in this process; guards the log's disposal too
    private readonly PayloadWriter _taskPayload = new();
    private readonly MessageLog.MessageReader<bool> _onResult;
    private readonly TaskCompletionSource _resultsDrained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Thread? _resultReader;
    private bool _logsClosed;

    public PoolWorker(ProcessPool pool, string name, PoolInitializer? initializer)
        : base(new WorkerTarget(initializer), new ProcessOptions { Name = name, Daemon = true })
    {
        _pool = pool;
        _initializer = initializer;
        _tasks = MessageLog.Create("pool task log", PoolLogs.TaskLogType, capacity: 0, PoolLogs.SegmentSize, "pool tasks");
        try
        {
            _results = MessageLog.Create("pool result log", PoolLogs.ResultLogType, capacity: 0, PoolLogs.SegmentSize, "pool results");
        }
        catch
        {
            _tasks.Dispose();
            throw;
        }

        _onResult = payload =>
        {
            _pool.OnChunksDone(this, payload);
            return true;
        };
    }

    /// <summary>The worker said it is ready (its initializer ran).</summary>
    public bool IsReady { get; private set; }

    /// <summary>The pool stopped giving this worker work: it finishes what it holds, then exits.</summary>
    public bool IsRetiring { get; set; }

    /// <summary>Items given to this worker so far (for recycling after N tasks).</summary>
    public int ItemsAssigned { get; set; }

    /// <summary>How long this worker's chunks take (a moving average); unknown (long) until one is done.</summary>
    public TimeSpan ChunkTime { get; private set; } = TimeSpan.MaxValue;

    private long _lastDoneAt;

    /// <summary>Updates <see cref="ChunkTime"/>: the time from when the chunk was sent, or the previous one done, to now.</summary>
    public void NoteChunkDone(long sentAt, long now)
    {
        var took = System.Diagnostics.Stopwatch.GetElapsedTime(Math.Max(sentAt, _lastDoneAt), now);
        ChunkTime = ChunkTime == TimeSpan.MaxValue ? took : (ChunkTime * 0.8) + (took * 0.2);
        _lastDoneAt = now;
    }

    /// <summary>The control files' names of the worker's task and result logs (for tests).</summary>
    internal string[] LogNames => [_tasks.Name, _results.Name];

    /// <summary>The chunks sent and not yet done; guarded by the pool's lock.</summary>
    public Dictionary<long, Chunk> InFlight => _inFlight;

    /// <summary>Sends a chunk; false if the worker is gone (the pool handles its in-flight chunks when it exits).</summary>
    public bool Send(Chunk chunk)
    {
        lock (_taskLock)
        {
            if (_logsClosed)
            {
                return false;
            }

            _taskPayload.Clear();
            _taskPayload.Int64(chunk.Id).String(chunk.TargetId).Int32(chunk.Count).Bytes(chunk.Arguments.Span);
            _tasks.Write(_taskPayload.WrittenSpan);
            return true;
        }
    }

    public void Cancel(long chunkId) => TrySend(FrameKind.Cancel, new PayloadWriter().Int64(chunkId));

    /// <summary>Closes the connection: the worker exits once it sees it (after the chunk it runs, if any).</summary>
    public void Retire()
    {
        try
        {
            Connection?.Shutdown();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // already gone
        }
    }

    private bool TrySend(FrameKind kind, PayloadWriter payload)
    {
        try
        {
            Connection?.Send(kind, payload.WrittenSpan);
            return Connection is not null;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return false;
        }
    }

    private protected override void SendFirstFrame(FrameConnection connection, ReadOnlyMemory<byte> arguments)
    {
        _resultReader = new Thread(ReadResults) { IsBackground = true, Name = $"Multiprocessing pool results {Name}" };
        _resultReader.Start();
        var work = new PayloadWriter().String(Name).String(_initializer?.TargetId ?? "").Bytes(_initializer is null ? default : _initializer.Arguments.Span)
            .String(_tasks.Name).String(_results.Name);
        connection.Send(FrameKind.Work, work.WrittenSpan);
    }

    /// <summary>
    /// Reads the worker's results as they come, on a thread of its own: a result completes its operation without a
    /// socket read or a hop through the thread pool first. Ends once the worker has exited and every result is read.
    /// </summary>
    private void ReadResults()
    {
        try
        {
            while (true)
            {
                while (_results.TryRead(_onResult, out _))
                {
                }

                if (_results.IsCompleted && _results.Count == 0)
                {
                    return; // completed by the parent once the worker had exited: nothing more can come
                }

                _results.WaitForData(-1, CancellationToken.None);
            }
        }
        catch (Exception e)
        {
            // A result that cannot be read (a corrupt log): the worker cannot be trusted with more work.
            Console.Error.WriteLine($"ProcessPool: the results of worker {Name} (pid {Pid}) could not be read; the worker is replaced: {e}");
            Kill();
        }
        finally
        {
            _resultsDrained.TrySetResult();
        }
    }

    /// <summary>The worker has exited: read what it published before, then remove its logs.</summary>
    private protected override async Task BeforeExitReportedAsync()
    {
        if (_resultReader is not null)
        {
            _results.Complete(); // wakes the reader; it reads what is left and ends
            await _resultsDrained.Task.ConfigureAwait(false);
        }

        CloseLogs();
    }

    /// <summary>Removes the logs (the worker is gone, or never started).</summary>
    internal void CloseLogs()
    {
        lock (_taskLock)
        {
            if (_logsClosed)
            {
                return;
            }

            _logsClosed = true;
            _tasks.Dispose();
        }

        if (_resultReader is null || _resultsDrained.Task.IsCompleted)
        {
            _results.Dispose();
        }
    }

    private protected override void OnFrame(FrameKind kind, byte[] payload)
    {
        switch (kind)
        {
            case FrameKind.Ready:
                IsReady = true;
                _pool.OnWorkerReady(this);
                break;
            case FrameKind.Error:
                SetReport(kind, payload);
                _pool.OnInitializerFailed(this, payload);
                break;
        }
    }

    private protected override void OnExited() => _pool.OnWorkerExited(this);

    /// <summary>Names the worker in messages: its initializer, or the pool.</summary>
    private sealed class WorkerTarget(PoolInitializer? initializer)
        : ProcessTarget(initializer?.TargetId ?? "", initializer is null ? "ProcessPool worker" : $"ProcessPool worker (initializer {initializer.TargetName})", null)
    {
        // A worker runs the pool's loop, never a target of its own.
        protected override ValueTask Invoke(ref ArgumentReader arguments, ArgumentWriter result, CancellationToken cancellationToken) =>
            throw new NotSupportedException("A pool worker is not a process target.");
    }
}
