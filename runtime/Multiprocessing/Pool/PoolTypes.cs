using Multiprocessing.Serialization;

namespace Multiprocessing;

/// <summary>How a <see cref="ProcessPool"/> runs.</summary>
public sealed record ProcessPoolOptions
{
    /// <summary>A target each worker runs once when it starts (Python's <c>initializer</c>/<c>initargs</c>). If it fails, the pool fails: no endless respawning.</summary>
    public PoolInitializer? Initializer { get; init; }

    /// <summary>Replace a worker after it has run this many tasks (Python's <c>maxtasksperchild</c>); <see langword="null"/>: never.</summary>
    public int? MaxTasksPerWorker { get; init; }

    /// <summary>
    /// A task that runs longer is cancelled (its <see cref="CancellationToken"/> parameter, if it has one), then, after
    /// <see cref="TimeoutGracePeriod"/>, its worker is killed and replaced, and the task fails with a <see cref="TimeoutException"/>.
    /// Tasks are then sent one at a time.
    /// </summary>
    public TimeSpan? TaskTimeout { get; init; }

    /// <summary>How long a timed-out task may take to honour its cancellation before its worker is killed.</summary>
    public TimeSpan TimeoutGracePeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many times a task whose worker died (killed, out of memory, crashed) is sent again before it fails.</summary>
    public int RetriesAfterWorkerCrash { get; init; }

    /// <summary>How deep pools may nest (a target that uses a pool): a process this many levels below the main program cannot create one.</summary>
    public int MaxNestingDepth { get; init; } = 2;
}

/// <summary>How one map runs.</summary>
public sealed record MapOptions
{
    /// <summary>Items per message to a worker; <see langword="null"/>: chosen automatically (large at first, smaller towards the end, adaptive for streams).</summary>
    public int? ChunkSize { get; init; }

    /// <summary>Streaming maps: yield results in input order (Python's <c>imap</c>), or as they complete (<c>imap_unordered</c>).</summary>
    public bool Ordered { get; init; } = true;

    /// <summary>Reports completed/total items as chunks complete (total is <see langword="null"/> for a stream).</summary>
    public IProgress<MapProgress>? Progress { get; init; }
}

/// <summary>Progress of a map.</summary>
/// <param name="Completed">Items done so far.</param>
/// <param name="Total">All items, or <see langword="null"/> when the input is a stream of unknown length.</param>
public readonly record struct MapProgress(int Completed, int? Total);

/// <summary>The outcome of one item of a map: its result, or why it failed.</summary>
/// <param name="Index">The item's position in the input.</param>
/// <param name="Value">The result, when the item succeeded.</param>
/// <param name="Error">The failure (<see cref="ProcessTargetException"/>, <see cref="ChildProcessCrashedException"/>, <see cref="TimeoutException"/>), or <see langword="null"/>.</param>
public readonly record struct PoolOutcome<TResult>(int Index, TResult? Value, Exception? Error)
{
    /// <summary>Whether the item returned a result.</summary>
    public bool Succeeded => Error is null;
}

/// <summary>A target and its arguments, run once by each pool worker when it starts.</summary>
public sealed class PoolInitializer
{
    private PoolInitializer(string targetId, string targetName, ReadOnlyMemory<byte> arguments)
    {
        TargetId = targetId;
        TargetName = targetName;
        Arguments = arguments;
    }

    internal string TargetId { get; }

    internal string TargetName { get; }

    internal ReadOnlyMemory<byte> Arguments { get; }

    /// <summary>Runs <paramref name="target"/> with <paramref name="arguments"/> in every worker before its first task.</summary>
    public static PoolInitializer Create<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, TArgs arguments)
    {
        ArgumentNullException.ThrowIfNull(target);
        var writer = new ArgumentWriter();
        target.WriteArguments(writer, arguments);
        return new PoolInitializer(target.Id, target.Name, writer.WrittenMemory);
    }
}
