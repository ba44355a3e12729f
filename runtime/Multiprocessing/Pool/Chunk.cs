using Multiprocessing.Serialization;

namespace Multiprocessing.Pool;

/// <summary>
/// Consecutive items of one operation sent to a worker in one message: their arguments serialized one after the
/// other, their results read back the same way.
/// </summary>
internal abstract class Chunk(string targetId, string targetName, int first, int count, ReadOnlyMemory<byte> arguments, CancellationToken cancellationToken)
{
    private static long s_nextId;

    public long Id { get; } = Interlocked.Increment(ref s_nextId);

    public string TargetId { get; } = targetId;

    public string TargetName { get; } = targetName;

    /// <summary>The index of the chunk's first item in its operation.</summary>
    public int First { get; } = first;

    public int Count { get; } = count;

    public ReadOnlyMemory<byte> Arguments { get; } = arguments;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>How many times a worker died holding this chunk.</summary>
    public int Crashes { get; set; }

    /// <summary>When it was sent, as a <see cref="System.Diagnostics.Stopwatch"/> timestamp (for the per-task timeout).</summary>
    public long SentAt { get; set; }

    /// <summary>The order it was given to its worker: a worker runs its chunks in that order.</summary>
    public long AssignedOrder { get; set; }

    /// <summary>Forwards the operation's cancellation to the worker holding the chunk.</summary>
    public CancellationTokenRegistration Cancellation { get; set; }

    /// <summary>Its timeout expired and the worker was asked to cancel it.</summary>
    public bool TimedOut { get; set; }

    /// <summary>The operation no longer wants the results (it failed, was cancelled or was abandoned).</summary>
    public abstract bool IsAbandoned { get; }

    /// <summary>Results of the items that returned; <paramref name="errors"/> holds the others, by index in the chunk.</summary>
    public abstract void Complete(ref ArgumentReader results, IReadOnlyDictionary<int, Exception> errors);

    /// <summary>Every item of the chunk failed the same way (its worker died, the pool ended, it was cancelled).</summary>
    public abstract void Fail(Exception error);
}

/// <summary>A chunk whose outcomes go to a <see cref="Batch{TResult}"/>.</summary>
internal sealed class Chunk<TResult>(Batch<TResult> batch, string targetId, string targetName, int first, int count, ReadOnlyMemory<byte> arguments)
    : Chunk(targetId, targetName, first, count, arguments, batch.CancellationToken)
{
    public override bool IsAbandoned => CancellationToken.IsCancellationRequested || batch is ArrayBatch<TResult> { IsAbandoned: true };

    public override void Complete(ref ArgumentReader results, IReadOnlyDictionary<int, Exception> errors)
    {
        if (errors.Count == 0 && batch is ArrayBatch<TResult> array)
        {
            array.DeliverValues(First, Count, ref results); // the common case of a map: straight into the result array
            return;
        }

        var outcomes = new PoolOutcome<TResult>[Count];
        for (int i = 0; i < Count; i++)
        {
            outcomes[i] = errors.TryGetValue(i, out var error)
                ? new PoolOutcome<TResult>(First + i, default, error)
                : new PoolOutcome<TResult>(First + i, typeof(TResult) == typeof(ValueTuple) ? default : results.Read<TResult>(), null);
        }

        batch.Deliver(First, outcomes);
    }

    public override void Fail(Exception error)
    {
        var outcomes = new PoolOutcome<TResult>[Count];
        for (int i = 0; i < Count; i++)
        {
            outcomes[i] = new PoolOutcome<TResult>(First + i, default, error);
        }

        batch.Deliver(First, outcomes);
    }
}
