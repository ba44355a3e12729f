using System.Threading.Channels;

namespace Multiprocessing.Pool;

/// <summary>Where the outcomes of one pool operation land, a chunk at a time.</summary>
internal abstract class Batch<TResult>(CancellationToken cancellationToken)
{
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The outcomes of the items <paramref name="first"/>, <paramref name="first"/> + 1, ...</summary>
    public abstract void Deliver(int first, PoolOutcome<TResult>[] outcomes);
}

/// <summary>One <c>ApplyAsync</c> call.</summary>
internal sealed class SingleBatch<TResult> : Batch<TResult>
{
    private readonly TaskCompletionSource<TResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SingleBatch(CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(static state => ((SingleBatch<TResult>)state!)._result.TrySetCanceled(), this);
        }
    }

    public Task<TResult> Task => _result.Task;

    public override void Deliver(int first, PoolOutcome<TResult>[] outcomes)
    {
        if (outcomes[0].Error is { } error)
        {
            _result.TrySetException(error);
        }
        else
        {
            _result.TrySetResult(outcomes[0].Value!);
        }
    }
}

/// <summary>A <c>MapAsync</c> call: results in input order; the first failed item fails the whole map.</summary>
internal sealed class ArrayBatch<TResult> : Batch<TResult>
{
    private readonly TResult[] _results;
    private readonly TaskCompletionSource<TResult[]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IProgress<MapProgress>? _progress;
    private int _remaining;

    public ArrayBatch(int count, IProgress<MapProgress>? progress, CancellationToken cancellationToken)
        : base(cancellationToken)
    {
        _results = new TResult[count];
        _remaining = count;
        _progress = progress;
        if (count == 0)
        {
            _completion.TrySetResult(_results);
        }

        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(static state => ((ArrayBatch<TResult>)state!)._completion.TrySetCanceled(), this);
        }
    }

    public Task<TResult[]> Task => _completion.Task;

    /// <summary>The map failed or was cancelled: its remaining chunks need not run.</summary>
    public bool IsAbandoned => _completion.Task.IsFaulted || _completion.Task.IsCanceled;

    public override void Deliver(int first, PoolOutcome<TResult>[] outcomes)
    {
        for (int i = 0; i < outcomes.Length; i++)
        {
            if (outcomes[i].Error is { } error)
            {
                _completion.TrySetException(error);
                return;
            }

            _results[first + i] = outcomes[i].Value!;
        }

        Delivered(outcomes.Length);
    }

    /// <summary>Reads <paramref name="count"/> results of items that all succeeded into place.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void DeliverValues(int first, int count, ref Serialization.ArgumentReader results)
    {
        if (typeof(TResult) != typeof(ValueTuple))
        {
            for (int i = first; i < first + count; i++)
            {
                _results[i] = results.Read<TResult>();
            }
        }

        Delivered(count);
    }

    private void Delivered(int count)
    {
        int remaining = Interlocked.Add(ref _remaining, -count);
        _progress?.Report(new MapProgress(_results.Length - remaining, _results.Length));
        if (remaining == 0)
        {
            _completion.TrySetResult(_results);
        }
    }
}

/// <summary>A streaming map: each chunk's outcomes go to the consumer together.</summary>
internal sealed class StreamBatch<TResult>(CancellationToken cancellationToken) : Batch<TResult>(cancellationToken)
{
    private int _submitted;
    private int _delivered;
    private volatile bool _inputDone;

    /// <summary>Every chunk's outcomes, in completion order; completed once the input ended and every chunk reported.</summary>
    public Channel<(int First, PoolOutcome<TResult>[] Outcomes)> Done { get; } =
        Channel.CreateUnbounded<(int, PoolOutcome<TResult>[])>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Counted before the chunk is submitted, so a fast chunk cannot end the stream early.</summary>
    public void Submitted() => Interlocked.Increment(ref _submitted);

    public void InputDone()
    {
        _inputDone = true;
        TryFinish();
    }

    public override void Deliver(int first, PoolOutcome<TResult>[] outcomes)
    {
        Done.Writer.TryWrite((first, outcomes));
        Interlocked.Increment(ref _delivered);
        TryFinish();
    }

    private void TryFinish()
    {
        if (_inputDone && Volatile.Read(ref _delivered) == Volatile.Read(ref _submitted))
        {
            Done.Writer.TryComplete();
        }
    }
}
