using Multiprocessing.Wire;

namespace Multiprocessing.Pool;

/// <summary>The parent's handle on one pool worker: a child process running <see cref="WorkerLoop"/>.</summary>
internal sealed class PoolWorker : ChildProcess
{
    private readonly ProcessPool _pool;
    private readonly PoolInitializer? _initializer;
    private readonly Dictionary<long, Chunk> _inFlight = [];

    public PoolWorker(ProcessPool pool, string name, PoolInitializer? initializer)
        : base(new WorkerTarget(initializer), new ProcessOptions { Name = name, Daemon = true })
    {
        _pool = pool;
        _initializer = initializer;
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

    /// <summary>The chunks sent and not yet done; guarded by the pool's lock.</summary>
    public Dictionary<long, Chunk> InFlight => _inFlight;

    /// <summary>Sends a chunk; false if the worker is gone (the pool handles its in-flight chunks when it exits).</summary>
    public bool Send(Chunk chunk)
    {
        var payload = new PayloadWriter().Int64(chunk.Id).String(chunk.TargetId).Int32(chunk.Count).Bytes(chunk.Arguments.Span);
        return TrySend(FrameKind.Task, payload);
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
        var work = new PayloadWriter().String(Name).String(_initializer?.TargetId ?? "").Bytes(_initializer is null ? default : _initializer.Arguments.Span);
        connection.Send(FrameKind.Work, work.WrittenSpan);
    }

    private protected override void OnFrame(FrameKind kind, byte[] payload)
    {
        switch (kind)
        {
            case FrameKind.Ready:
                IsReady = true;
                _pool.OnWorkerReady(this);
                break;
            case FrameKind.TaskDone:
                _pool.OnChunksDone(this, payload);
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
        : ProcessTarget(initializer?.TargetId ?? "", initializer is null ? "ProcessPool worker" : $"ProcessPool worker (initializer {initializer.TargetName})", null);
}
