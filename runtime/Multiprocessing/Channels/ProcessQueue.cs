using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using MemoryPack;
using Multiprocessing.Channels;

namespace Multiprocessing;

/// <summary>
/// A typed multi-producer, multi-consumer queue between processes (Python's <c>multiprocessing.Queue</c> and
/// <c>JoinableQueue</c>), shaped as a <see cref="Channel{T}"/>: <see cref="Channel{TWrite, TRead}.Writer"/> and
/// <see cref="Channel{TWrite, TRead}.Reader"/> work as for an in-process channel (<c>WriteAsync</c>, <c>TryRead</c>,
/// <c>ReadAllAsync</c>, completion), and the queue itself can be passed to a <see cref="ProcessTargetAttribute">process
/// target</see>: the child's queue is the same queue.
/// </summary>
/// <remarks>
/// Items live in shared memory (<c>/dev/shm</c>), serialized with the same contract as target arguments. An unbounded
/// queue never blocks a writer, so a producer can always finish and exit, whether or not anyone reads yet (Python's
/// queue can deadlock there). A bounded queue makes writers wait for room (back-pressure). The process that creates the
/// queue owns it: it lives until that process disposes it or exits.
/// </remarks>
/// <typeparam name="T">The item type: anything a target parameter can be.</typeparam>
public sealed class ProcessQueue<T> : Channel<T>, IDisposable, IMemoryPackFormatterRegister
{
    private readonly MessageLog _log;
    private readonly RecordWriter _scratch = new();
    private readonly MessageLog.MessageReader<T> _deserialize;

    static ProcessQueue() => RegisterFormatter();

    /// <summary>Creates an unbounded queue.</summary>
    public ProcessQueue()
        : this(MessageLog.Create("queue", MessageCodec<T>.TypeHash, capacity: 0, typeName: MessageCodec<T>.TypeName))
    {
    }

    /// <summary>Creates a bounded queue: writers wait while it holds <paramref name="capacity"/> items.</summary>
    /// <param name="capacity">The most items the queue holds; at least 1.</param>
    public ProcessQueue(int capacity)
        : this(MessageLog.Create("queue", MessageCodec<T>.TypeHash, capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A bounded queue holds at least one item."), typeName: MessageCodec<T>.TypeName))
    {
    }

    private ProcessQueue(MessageLog log)
    {
        _log = log;
        string description = log.Description;
        _deserialize = span => MessageCodec<T>.Deserialize(span, description);
        Reader = new QueueReader(this);
        Writer = new QueueWriter(this);
    }

    /// <summary>The number of items written and not yet read, across all processes.</summary>
    public int Count => _log.Count;

    /// <summary>The capacity of a bounded queue, or null.</summary>
    public int? Capacity => _log.Capacity == 0 ? null : _log.Capacity;

    /// <summary>Whether writing was completed (<see cref="Complete"/>): readers get the remaining items, then the end.</summary>
    public bool IsCompleted => _log.IsCompleted;

    /// <summary>Writes an item, waiting for room if the queue is bounded and full (Python's <c>put</c>).</summary>
    /// <exception cref="ChannelClosedException">The queue was completed.</exception>
    public void Write(T item, CancellationToken cancellationToken = default)
    {
        while (!TryWriteCore(item))
        {
            ThrowIfCompleted();
            _log.WaitForSpace(-1, cancellationToken);
        }
    }

    /// <summary>Reads the next item, waiting for one (Python's <c>get</c>).</summary>
    /// <exception cref="ChannelClosedException">The queue was completed and is empty.</exception>
    public T Read(CancellationToken cancellationToken = default) =>
        TryRead(out T item, Timeout.InfiniteTimeSpan, cancellationToken) ? item : throw new ChannelClosedException($"The {_log.Description} is completed and empty.");

    /// <summary>Reads the next item, waiting at most <paramref name="timeout"/>; false on timeout or when the queue is completed and empty.</summary>
    public bool TryRead(out T item, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        long deadline = Shared.FutexLock.Deadline(Shared.FutexLock.Milliseconds(timeout, nameof(timeout)));
        while (true)
        {
            if (_log.TryRead(_deserialize, out item))
            {
                return true;
            }

            if (_log.IsCompleted && _log.Count == 0)
            {
                // One last look: a writer may have committed just before completing.
                return _log.TryRead(_deserialize, out item);
            }

            long left = deadline == long.MaxValue ? -1 : Math.Max(0, deadline - Environment.TickCount64);
            if (left == 0 || !_log.WaitForData((int)Math.Min(left, int.MaxValue), cancellationToken))
            {
                return false;
            }
        }
    }

    /// <summary>Completes writing: readers drain what is there, then see the end (<c>ReadAllAsync</c> finishes).</summary>
    public void Complete() => _log.Complete();

    /// <summary>Marks one item taken from the queue as processed (Python's <c>JoinableQueue.task_done</c>).</summary>
    /// <exception cref="InvalidOperationException">Called more times than items were written.</exception>
    public void TaskDone() => _log.TaskDone();

    /// <summary>Waits until every item written was marked processed with <see cref="TaskDone"/> (Python's <c>JoinableQueue.join</c>).</summary>
    /// <returns>False when <paramref name="timeout"/> passed first.</returns>
    public bool Join(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _log.WaitAllDone(timeout is { } t ? Shared.FutexLock.Milliseconds(t, nameof(timeout)) : -1, cancellationToken);

    /// <summary>As <see cref="Join"/>, without blocking the caller's thread.</summary>
    public Task JoinAsync(CancellationToken cancellationToken = default) =>
        BlockingWait.RunAsync(() => _log.WaitAllDone(-1, cancellationToken), cancellationToken);

    /// <summary>Closes the queue in this process; the creator's dispose also removes it (other processes then lose it).</summary>
    public void Dispose() => _log.Dispose();

    /// <inheritdoc/>
    public override string ToString() => _log.Description;

    private bool TryWriteCore(T item)
    {
        ThrowIfCompleted();
        return _log.HasSpace && _log.Write(item, MessageCodec<T>.Serialize, _scratch);
    }

    private void ThrowIfCompleted()
    {
        if (_log.IsCompleted)
        {
            throw new ChannelClosedException($"The {_log.Description} is completed: nothing more can be written.");
        }
    }

    /// <summary>Registers the MemoryPack formatter that carries a queue to another process (by name).</summary>
    public static void RegisterFormatter()
    {
        if (!MemoryPackFormatterProvider.IsRegistered<ProcessQueue<T>>())
        {
            MemoryPackFormatterProvider.Register(new Formatter());
        }
    }

    private sealed class Formatter : MemoryPackFormatter<ProcessQueue<T>>
    {
        public override void Serialize<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, scoped ref ProcessQueue<T>? value) =>
            writer.WriteString(value?._log.Name);

        public override void Deserialize(ref MemoryPackReader reader, scoped ref ProcessQueue<T>? value)
        {
            string? name = reader.ReadString();
            value = name is null ? null : new ProcessQueue<T>(MessageLog.Open("queue", name, MessageCodec<T>.TypeHash, MessageCodec<T>.TypeName));
            if (value is not null)
            {
                AttachedChannels.Add(value);   // unmapped when the target returns
            }
        }
    }

    private sealed class QueueReader(ProcessQueue<T> queue) : ChannelReader<T>
    {
        public override bool CanCount => true;

        public override int Count => queue.Count;

        private Task? _completion;

        // Rarely asked for: a thread that looks every few milliseconds (completion plus the last read wakes nobody).
        public override Task Completion => LazyInitializer.EnsureInitialized(ref _completion, () => BlockingWait.RunAsync(() =>
        {
            while (!(queue.IsCompleted && queue.Count == 0))
            {
                Thread.Sleep(5);
            }

            return true;
        }, default));

        public override bool TryRead([MaybeNullWhen(false)] out T item) => queue._log.TryRead(queue._deserialize, out item);

        public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default)
        {
            if (queue.Count > 0)
            {
                return new(true);
            }

            if (queue.IsCompleted)
            {
                return new(queue.Count > 0);
            }

            return new(BlockingWait.RunAsync(() =>
            {
                queue._log.WaitForData(-1, cancellationToken);
                return queue.Count > 0 || !queue.IsCompleted;
            }, cancellationToken));
        }
    }

    private sealed class QueueWriter(ProcessQueue<T> queue) : ChannelWriter<T>
    {
        public override bool TryComplete(Exception? error = null) => queue._log.Complete();

        public override bool TryWrite(T item) => !queue.IsCompleted && queue.TryWriteCore(item);

        public override ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken = default)
        {
            if (queue.IsCompleted)
            {
                return new(false);
            }

            if (queue._log.HasSpace)
            {
                return new(true);
            }

            return new(BlockingWait.RunAsync(() =>
            {
                queue._log.WaitForSpace(-1, cancellationToken);
                return !queue.IsCompleted;
            }, cancellationToken));
        }
    }
}
