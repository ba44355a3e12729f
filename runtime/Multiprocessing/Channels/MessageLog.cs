using System.Buffers;
using System.Runtime.CompilerServices;
using Multiprocessing.Shared;

namespace Multiprocessing.Channels;

/// <summary>
/// A multi-producer, multi-consumer queue of byte messages in shared memory: the transport under pipes, queues and the
/// manager. Messages are appended to fixed-size segment files (<c>&lt;name&gt;.1</c>, <c>.2</c>, …) that readers walk
/// and recycle, so the log grows instead of blocking a writer: a producer never waits for a consumer unless the log
/// was given a capacity (Python's queue deadlock — a producer that cannot exit because its items sit in a full pipe —
/// has nothing to stand on). Producers take the producer lock, consumers the consumer lock; a message becomes visible
/// with one store of the segment's committed length, so a process that dies half-way left nothing visible.
/// </summary>
internal sealed unsafe class MessageLog : IDisposable
{
    // Control file layout. Hot fields of producers and consumers sit on different cache lines.
    private const long Magic = 0x3130_4F4C_504D; // "MPLO01"
    private const int MagicOffset = 0, TypeHashOffset = 8, SegmentSizeOffset = 16, CapacityOffset = 20, NextSegmentOffset = 24;
    private const int ProducerLockOffset = 64, WriteSegmentOffset = 72;
    private const int ConsumerLockOffset = 128, ReadSegmentOffset = 136, ReadOffsetOffset = 140;
    private const int DataSeqOffset = 192, ReadersWaitingOffset = 196, DataWakePendingOffset = 200;
    private const int SpaceSeqOffset = 256, WritersWaitingOffset = 260, CountOffset = 264, SpaceWakePendingOffset = 268;
    private const int LiveSegmentsOffset = 272, LastReadTickOffset = 280;
    private const int CompletedOffset = 320, WriterPidOffset = 324, ReaderPidOffset = 328;
    private const int FreeListOffset = 384, FreeListLength = SpareSegments;

    /// <summary>How many drained standard segments a log keeps for reuse (their pages stay allocated).</summary>
    internal const int SpareSegments = 16;
    private const int UnfinishedOffset = 448, UnfinishedSeqOffset = 452;
    private const int TypeNameOffset = 512; // [int length][UTF-8 name], for the error a mismatched opener gets
    private const int ControlSize = 4096;

    // Segment layout: committed length (bytes from the segment start), next segment number, then 8-aligned records
    // of [int length][payload].
    private const int SegmentHeader = 64, CommittedOffset = 0, NextOffset = 4;

    /// <summary>
    /// The default segment size: large enough that messages of a MiB share one (a message that fits no standard
    /// segment gets a file of its own, created and faulted in for it alone), and pages are only allocated when touched.
    /// </summary>
    public const int DefaultSegmentSize = 4 << 20;

    // Room for every spare segment and the ones in use: evicting a spare would fault its pages in again.
    private const int MaxCachedSegments = 40;
    /// <summary>
    /// How long a waiting side spins before it sleeps on the futex, in µs (environment <c>MP_SPIN_US</c>; 0 always
    /// sleeps). A peer on another core usually answers within microseconds, far sooner than a sleep and a wake-up.
    /// </summary>
    internal static readonly int SpinMicroseconds = Environment.GetEnvironmentVariable("MP_SPIN_US") is { Length: > 0 } us && (us == "0" || ProcessEntry.ParseDigits(us) > 0)
        ? ProcessEntry.ParseDigits(us) // by hand: int.TryParse would load ICU in every child that sets it
        : 50;

    private readonly SharedMemoryFile _control;
    private readonly byte* _mapping;
    private volatile bool _disposed;
    private readonly Dictionary<int, SharedMemoryFile> _segments = [];
    private readonly Lock _gate = new();
    private readonly int _segmentSize;

    private MessageLog(SharedMemoryFile control, string description)
    {
        _control = control;
        _mapping = control.Pointer;
        Description = description;
        _segmentSize = *(int*)(_c + SegmentSizeOffset);
    }

    // The control file. Checked on every use: a channel used after it was disposed (or after the manager that owned it
    // was) throws instead of touching memory that is no longer mapped.
    private byte* _c => _disposed ? throw new ObjectDisposedException(Description, $"The {Description} was disposed in this process.") : _mapping;

    /// <summary>What the errors call this log, e.g. <c>queue 'mp-12-ab…'</c>.</summary>
    public string Description { get; }

    /// <summary>The control file's name: what another process needs to attach.</summary>
    public string Name => _control.Name;

    /// <summary>Whether this process created the log (and removes its files on dispose).</summary>
    public bool IsOwner { get; private init; }

    /// <summary>Creates a log; <paramref name="capacity"/> 0 means unbounded.</summary>
    public static MessageLog Create(string kind, long typeHash, int capacity, int segmentSize = DefaultSegmentSize, string? typeName = null)
    {
        string name = SharedMemoryFile.NewName();
        var control = SharedMemoryFile.Create(name, ControlSize, owner: false);
        byte* c = control.Pointer;
        *(long*)(c + TypeHashOffset) = typeHash;
        if (typeName is not null)
        {
            var room = new Span<byte>(c + TypeNameOffset + 4, ControlSize - TypeNameOffset - 4);
            System.Text.Encoding.UTF8.GetEncoder().Convert(typeName, room, flush: true, out _, out int written, out _);
            *(int*)(c + TypeNameOffset) = written;
        }

        *(int*)(c + SegmentSizeOffset) = segmentSize;
        *(int*)(c + CapacityOffset) = capacity;
        *(int*)(c + NextSegmentOffset) = 1;
        *(int*)(c + WriteSegmentOffset) = 1;
        *(int*)(c + ReadSegmentOffset) = 1;
        *(int*)(c + ReadOffsetOffset) = SegmentHeader;
        var log = new MessageLog(control, $"{kind} '{name}'") { IsOwner = true };
        var first = SharedMemoryFile.Create(SegmentName(name, 1), segmentSize, owner: false);
        *(int*)(first.Pointer + CommittedOffset) = SegmentHeader;
        *(int*)(c + LiveSegmentsOffset) = 1;
        log._segments[1] = first;
        Volatile.Write(ref *(long*)(c + MagicOffset), Magic);
        return log;
    }

    /// <summary>Attaches to a log another process created; checks that both sides agree on the message type.</summary>
    public static MessageLog Open(string kind, string name, long typeHash, string typeName)
    {
        string description = $"{kind} '{name}'";
        var control = SharedMemoryFile.Open(name, description);
        byte* c = control.Pointer;
        if (*(long*)(c + MagicOffset) != Magic)
        {
            control.Dispose();
            throw new InvalidDataException($"The {description} is not a Multiprocessing channel (bad header).");
        }

        if (*(long*)(c + TypeHashOffset) != typeHash)
        {
            int length = Math.Clamp(*(int*)(c + TypeNameOffset), 0, ControlSize - TypeNameOffset - 4);
            string carried = length > 0 ? $"'{System.Text.Encoding.UTF8.GetString(c + TypeNameOffset + 4, length)}' messages" : "another message type";
            control.Dispose();
            throw new InvalidOperationException(
                $"The {description} carries {carried}, not '{typeName}' (the type this process opened it with). Both ends of a channel must use the same type argument.");
        }

        return new MessageLog(control, description);
    }

    /// <summary>The number of messages written and not yet read.</summary>
    public int Count => Math.Max(0, Volatile.Read(ref *(int*)(_c + CountOffset)));

    /// <summary>The capacity (0: unbounded).</summary>
    public int Capacity => *(int*)(_c + CapacityOffset);

    /// <summary>Whether <see cref="Complete"/> was called: readers see the end once the log is drained.</summary>
    public bool IsCompleted => Volatile.Read(ref *(int*)(_c + CompletedOffset)) != 0;

    /// <summary>The pid of the one process that writes (pipes), or 0.</summary>
    public ref int WriterPid => ref *(int*)(_c + WriterPidOffset);

    /// <summary>The pid of the one process that reads (pipes), or 0.</summary>
    public ref int ReaderPid => ref *(int*)(_c + ReaderPidOffset);

    /// <summary>Marks the end of the messages and wakes every waiter. Returns false if it was already complete.</summary>
    public bool Complete()
    {
        bool first = Interlocked.Exchange(ref *(int*)(_c + CompletedOffset), 1) == 0;
        Bump(DataSeqOffset, wake: true);
        Bump(SpaceSeqOffset, wake: true);
        return first;
    }

    // ---- writing ---------------------------------------------------------------------------------------------

    /// <summary>Appends one message. The caller checked capacity (<see cref="HasSpace"/>) if the log is bounded.</summary>
    public void Write(ReadOnlySpan<byte> message)
    {
        int* producerLock = (int*)(_c + ProducerLockOffset);
        FutexLock.Enter(producerLock, -1, default);
        try
        {
            var segment = WriteSpace(message.Length, out byte* record);
            *(int*)record = message.Length;
            message.CopyTo(new Span<byte>(record + 4, message.Length));
            Commit(segment, record, message.Length);
        }
        finally
        {
            FutexLock.Exit(producerLock);
        }

        AfterWrite();
    }

    /// <summary>
    /// Appends one message serialized in place by <paramref name="serialize"/> (no intermediate copy when it fits).
    /// Returns false, writing nothing, when a bounded log is full.
    /// </summary>
    public bool Write<TState>(TState state, Action<TState, RecordWriter> serialize, RecordWriter scratch)
    {
        int* producerLock = (int*)(_c + ProducerLockOffset);
        FutexLock.Enter(producerLock, -1, default);
        try
        {
            // Checked under the producer lock (the count only rises under it): writers woken together by one read
            // cannot all pass the capacity.
            if (!HasSpace)
            {
                return false;
            }

            byte* segment = CurrentWriteSegment(out int committed, out int length);
            // Records are 8-aligned and so is the free space: a payload of up to (free - 4) bytes fits.
            scratch.Begin(this, segment, segment + committed + 4, Math.Max(0, length - committed - 4));
            serialize(state, scratch);
            if (scratch.InPlace(out int written))
            {
                byte* record = scratch.Payload - 4;
                *(int*)record = written;
                Commit(scratch.Segment, record, written);
            }
            else
            {
                var overflow = scratch.Overflow;
                segment = WriteSpace(overflow.Length, out byte* record);
                *(int*)record = overflow.Length;
                overflow.CopyTo(new Span<byte>(record + 4, overflow.Length));
                Commit(segment, record, overflow.Length);
            }
        }
        finally
        {
            scratch.End();
            FutexLock.Exit(producerLock);
        }

        AfterWrite();
        return true;
    }

    /// <summary>The most payload bytes a fresh standard segment holds.</summary>
    internal int FreshSegmentCapacity => _segmentSize - SegmentHeader - 4;

    /// <summary>
    /// Under the producer lock, while a message is being serialized in place and no longer fits the current segment:
    /// links a fresh (or recycled) standard segment and returns where the message's payload starts in it. The old
    /// segment ends where it was committed; a message is only visible once committed, wherever it lives.
    /// </summary>
    internal byte* MoveToFreshSegment(out byte* segment)
    {
        byte* old = CurrentWriteSegment(out _, out _);
        int number = NewSegment(_segmentSize, out segment);
        Volatile.Write(ref *(int*)(old + NextOffset), number);
        *(int*)(_c + WriteSegmentOffset) = number;
        return segment + SegmentHeader + 4;
    }

    /// <summary>Whether a bounded log has room for one more message now.</summary>
    public bool HasSpace => Capacity == 0 || Volatile.Read(ref *(int*)(_c + CountOffset)) < Capacity;

    /// <summary>Waits until a bounded log has room or it completes; false on timeout.</summary>
    public bool WaitForSpace(int millisecondsTimeout, CancellationToken cancellationToken, Action? checkPeer = null)
    {
        return Sleep(forData: false, FutexLock.Deadline(millisecondsTimeout), cancellationToken, checkPeer);
    }

    private byte* CurrentWriteSegment(out int committed, out int length)
    {
        int number = *(int*)(_c + WriteSegmentOffset);
        var file = Segment(number, ref _writeHint);
        byte* segment = file.Pointer;
        // A producer that died between linking a new segment and publishing it as current: follow the link.
        int next;
        while ((next = Volatile.Read(ref *(int*)(segment + NextOffset))) != 0)
        {
            *(int*)(_c + WriteSegmentOffset) = next;
            file = Segment(next, ref _writeHint);
            segment = file.Pointer;
        }

        committed = *(int*)(segment + CommittedOffset);
        length = (int)file.Length;
        return segment;
    }

    /// <summary>Finds room for a record of <paramref name="size"/> payload bytes, moving to a new segment if needed.</summary>
    private byte* WriteSpace(int size, out byte* record)
    {
        byte* segment = CurrentWriteSegment(out int committed, out int length);
        long needed = RecordSize(size);
        if (committed + needed <= length)
        {
            record = segment + committed;
            return segment;
        }

        long newLength = Math.Max(_segmentSize, SegmentHeader + needed);
        if (newLength > int.MaxValue)
        {
            throw new InvalidOperationException($"A message of {size} bytes is too large for the {Description} (at most {int.MaxValue - SegmentHeader - 8} bytes).");
        }

        int number = NewSegment((int)newLength, out byte* fresh);
        // Publish: the old segment points to the new one (readers follow it once they drained the old one).
        Volatile.Write(ref *(int*)(segment + NextOffset), number);
        *(int*)(_c + WriteSegmentOffset) = number;
        record = fresh + SegmentHeader;
        return fresh;
    }

    private int NewSegment(int length, out byte* segment)
    {
        Interlocked.Increment(ref *(int*)(_c + LiveSegmentsOffset));
        while (length == _segmentSize)
        {
            int* free = (int*)(_c + FreeListOffset);
            for (int i = 0; i < FreeListLength; i++)
            {
                int candidate = Volatile.Read(ref free[i]);
                if (candidate != 0 && Interlocked.CompareExchange(ref free[i], 0, candidate) == candidate)
                {
                    segment = Segment(candidate).Pointer;
                    *(int*)(segment + NextOffset) = 0;
                    Volatile.Write(ref *(int*)(segment + CommittedOffset), SegmentHeader);
                    return candidate;
                }
            }

            if (!ReaderIsCatchingUp())
            {
                break;
            }

            // Soft flow control: the writer is well ahead of a reader that is reading. A fresh segment would cost a page
            // fault per 4 KiB and push what the reader needs next out of the caches; the reader frees a spare within
            // moments. A reader that stopped (or a parent that joins the producer before reading) never holds the
            // writer: after a pause of a few milliseconds the log grows.
            int* seq = (int*)(_c + SpaceSeqOffset);
            int observed = Volatile.Read(ref *seq);
            Interlocked.Increment(ref *(int*)(_c + WritersWaitingOffset));
            Interlocked.Exchange(ref *(int*)(_c + SpaceWakePendingOffset), 0);
            if (Volatile.Read(ref *seq) == observed)
            {
                Linux.FutexWait(seq, observed, 1);
            }

            Interlocked.Decrement(ref *(int*)(_c + WritersWaitingOffset));
        }

        int number = Interlocked.Increment(ref *(int*)(_c + NextSegmentOffset));
        var file = SharedMemoryFile.Create(SegmentName(Name, number), length, owner: false);
        segment = file.Pointer;
        *(int*)(segment + CommittedOffset) = SegmentHeader;
        Cache(number, file);
        return number;
    }

    /// <summary>Whether the writer is <see cref="FlowControlSegments"/> segments ahead of a reader that read in the last few milliseconds.</summary>
    private bool ReaderIsCatchingUp() =>
        Volatile.Read(ref *(int*)(_c + LiveSegmentsOffset)) > FlowControlSegments && !IsCompleted &&
        Environment.TickCount64 - Volatile.Read(ref *(long*)(_c + LastReadTickOffset)) <= ReaderActiveMilliseconds;

    // A few segments ahead keeps what the reader is about to read in the CPU caches, and the spare pool unused.
    private const int FlowControlSegments = 3;

    // Environment.TickCount64 is the system's coarse monotonic clock (one per machine, ticks of a few ms).
    private const int ReaderActiveMilliseconds = 10;

    private void Commit(byte* segment, byte* record, int size)
    {
        // Counted as the message becomes visible, under the producer lock: a producer that dies right after (or a
        // reader that takes the message at once and marks it done) finds the counts in step with the log.
        Interlocked.Increment(ref *(int*)(_c + UnfinishedOffset));
        Volatile.Write(ref *(int*)(segment + CommittedOffset), (int)(record - segment + RecordSize(size)));
        Interlocked.Increment(ref *(int*)(_c + CountOffset));
    }

    private void AfterWrite() => Signal(DataSeqOffset, ReadersWaitingOffset, DataWakePendingOffset);

    // ---- reading ---------------------------------------------------------------------------------------------

    /// <summary>A read message: valid until the next call on this log from this thread (the consumer lock is held).</summary>
    public delegate TResult MessageReader<TResult>(ReadOnlySpan<byte> message);

    /// <summary>Takes the next message if there is one, and hands it to <paramref name="read"/> while it is still in place.</summary>
    public bool TryRead<TResult>(MessageReader<TResult> read, out TResult result) => TryRead(read, out result, int.MaxValue, out _);

    /// <summary>As <see cref="TryRead{TResult}(MessageReader{TResult}, out TResult)"/>, but a message larger than
    /// <paramref name="maxSize"/> stays in the log (false, with its <paramref name="size"/>).</summary>
    public bool TryRead<TResult>(MessageReader<TResult> read, out TResult result, int maxSize, out int size)
    {
        size = -1;
        if (IsEmpty())
        {
            result = default!;
            return false;
        }

        int* consumerLock = (int*)(_c + ConsumerLockOffset);
        FutexLock.Enter(consumerLock, -1, default);
        try
        {
            return TryReadLocked(read, out result, maxSize, ref size);
        }
        finally
        {
            FutexLock.Exit(consumerLock);
        }
    }

    private bool IsEmpty() => Volatile.Read(ref *(int*)(_c + CountOffset)) <= 0;

    private bool TryReadLocked<TResult>(MessageReader<TResult> read, out TResult result, int maxSize, ref int messageSize)
    {
        while (true)
        {
            int number = *(int*)(_c + ReadSegmentOffset);
            int offset = *(int*)(_c + ReadOffsetOffset);
            var file = Segment(number, ref _readHint);
            byte* segment = file.Pointer;
            int next = Volatile.Read(ref *(int*)(segment + NextOffset));
            int committed = Volatile.Read(ref *(int*)(segment + CommittedOffset));
            if (offset < committed)
            {
                int size = *(int*)(segment + offset);
                if (size < 0 || offset + RecordSize(size) > committed)
                {
                    throw new InvalidDataException($"The {Description} is corrupt: a record of {size} bytes at offset {offset} of segment {number} runs past its end.");
                }

                if (size > maxSize)
                {
                    messageSize = size;
                    result = default!;
                    return false;
                }

                // Consume first, count included: if the reader throws (a message it cannot deserialize) or this process
                // dies while it reads, the message is not read again forever and the count still matches the log.
                *(int*)(_c + ReadOffsetOffset) = offset + (int)RecordSize(size);
                Interlocked.Decrement(ref *(int*)(_c + CountOffset));
                *(long*)(_c + LastReadTickOffset) = Environment.TickCount64;
                if (Capacity != 0)
                {
                    Signal(SpaceSeqOffset, WritersWaitingOffset, SpaceWakePendingOffset);
                }

                result = read(new ReadOnlySpan<byte>(segment + offset + 4, size));
                return true;
            }

            if (next == 0)
            {
                result = default!;
                return false;
            }

            *(int*)(_c + ReadSegmentOffset) = next;
            *(int*)(_c + ReadOffsetOffset) = SegmentHeader;
            Retire(number, file);
        }
    }

    /// <summary>A drained segment goes back to the producers, or away when there are enough spares.</summary>
    private void Retire(int number, SharedMemoryFile file)
    {
        Interlocked.Decrement(ref *(int*)(_c + LiveSegmentsOffset));
        if (file.Length == _segmentSize)
        {
            int* free = (int*)(_c + FreeListOffset);
            for (int i = 0; i < FreeListLength; i++)
            {
                if (Interlocked.CompareExchange(ref free[i], number, 0) == 0)
                {
                    // A writer may be pausing for a spare (see NewSegment).
                    Signal(SpaceSeqOffset, WritersWaitingOffset, SpaceWakePendingOffset);
                    return;
                }
            }
        }

        SharedMemoryFile.Unlink(file.Name);
        lock (_gate)
        {
            _segments.Remove(number);
        }

        file.Dispose();
    }

    /// <summary>
    /// Waits until a message is available or the log completes; false on timeout. Spins for <see cref="SpinMicroseconds"/>
    /// first, giving the core away between checks: on a busy machine with few cores the peer we wait for must be able to
    /// run (a pure spin there costs whole scheduler time slices).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool WaitForData(int millisecondsTimeout, CancellationToken cancellationToken, Action? checkPeer = null)
    {
        long spinUntil = System.Diagnostics.Stopwatch.GetTimestamp() + (SpinMicroseconds * System.Diagnostics.Stopwatch.Frequency / 1_000_000);
        for (int i = 1; ; i++)
        {
            if (!IsEmpty() || IsCompleted)
            {
                return true;
            }

            if ((i & 15) == 0)
            {
                if (System.Diagnostics.Stopwatch.GetTimestamp() > spinUntil)
                {
                    break;
                }

                Thread.Yield();
            }
            else
            {
                Thread.SpinWait(4);
            }
        }

        return Sleep(forData: true, FutexLock.Deadline(millisecondsTimeout), cancellationToken, checkPeer);
    }

    /// <summary>
    /// Sleeps until there is data (or room), the log completes, or the deadline passes. A sleeper registers, clears
    /// the wake claim, then looks once more; the first writer after that claims the wake and makes the one system call
    /// (<see cref="Signal"/>), the writers after it see the claim and make none until the sleeper comes back.
    /// </summary>
    private bool Sleep(bool forData, long deadline, CancellationToken cancellationToken, Action? checkPeer)
    {
        int* seq = (int*)(_c + (forData ? DataSeqOffset : SpaceSeqOffset));
        int* waiting = (int*)(_c + (forData ? ReadersWaitingOffset : WritersWaitingOffset));
        int* claim = (int*)(_c + (forData ? DataWakePendingOffset : SpaceWakePendingOffset));
        while (true)
        {
            if (forData ? !IsEmpty() || IsCompleted : HasSpace || IsCompleted)
            {
                return true;
            }

            checkPeer?.Invoke();
            Interlocked.Increment(ref *waiting);
            try
            {
                Interlocked.Exchange(ref *claim, 0);
                int observed = Volatile.Read(ref *seq);
                if (forData ? !IsEmpty() || IsCompleted : HasSpace || IsCompleted)
                {
                    return true;
                }

                if (!FutexLock.WaitOnce(seq, observed, deadline, cancellationToken))
                {
                    return false;
                }
            }
            finally
            {
                Interlocked.Decrement(ref *waiting);
            }
        }
    }

    /// <summary>Tells sleepers that something changed: one wake-up system call per sleep, not one per message.</summary>
    private void Signal(int seqOffset, int waitingOffset, int claimOffset)
    {
        int* seq = (int*)(_c + seqOffset);
        Interlocked.Increment(ref *seq);
        if (Volatile.Read(ref *(int*)(_c + waitingOffset)) > 0 && Interlocked.Exchange(ref *(int*)(_c + claimOffset), 1) == 0)
        {
            Linux.FutexWake(seq);
        }
    }

    // ---- joinable: Python's JoinableQueue.task_done() / join() ------------------------------------------------

    /// <summary>Marks one read message as processed; throws when more were marked than were written.</summary>
    public void TaskDone()
    {
        int* unfinished = (int*)(_c + UnfinishedOffset);
        int left = Interlocked.Decrement(ref *unfinished);
        if (left < 0)
        {
            Interlocked.Increment(ref *unfinished);
            throw new InvalidOperationException($"TaskDone() was called more times than items were written to the {Description}.");
        }

        if (left == 0)
        {
            Bump(UnfinishedSeqOffset, wake: true);
        }
    }

    /// <summary>Waits until every written message was marked done; false on timeout.</summary>
    public bool WaitAllDone(int millisecondsTimeout, CancellationToken cancellationToken)
    {
        long deadline = FutexLock.Deadline(millisecondsTimeout);
        int* seq = (int*)(_c + UnfinishedSeqOffset);
        while (true)
        {
            int observed = Volatile.Read(ref *seq);
            if (Volatile.Read(ref *(int*)(_c + UnfinishedOffset)) <= 0)
            {
                return true;
            }

            if (!FutexLock.WaitOnce(seq, observed, deadline, cancellationToken))
            {
                return false;
            }
        }
    }

    // ---- plumbing --------------------------------------------------------------------------------------------

    private void Bump(int offset, bool wake)
    {
        int* seq = (int*)(_c + offset);
        Interlocked.Increment(ref *seq);
        if (wake)
        {
            Linux.FutexWake(seq);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long RecordSize(int size) => (4L + size + 7) & ~7L;

    private static string SegmentName(string name, int number) => $"{name}.{number}";

    // The segment each side used last, looked up without the dictionary's lock (each is only used under its side's lock).
    private (int Number, SharedMemoryFile? File) _writeHint, _readHint;

    private SharedMemoryFile Segment(int number, ref (int Number, SharedMemoryFile? File) hint)
    {
        if (hint.Number == number && hint.File is { IsMapped: true } hit)
        {
            return hit;
        }

        var file = Segment(number);
        hint = (number, file);
        return file;
    }

    private SharedMemoryFile Segment(int number)
    {
        lock (_gate)
        {
            if (_segments.TryGetValue(number, out var file))
            {
                return file;
            }
        }

        var opened = SharedMemoryFile.Open(SegmentName(Name, number), Description);
        Cache(number, opened);
        return opened;
    }

    private void Cache(int number, SharedMemoryFile file)
    {
        lock (_gate)
        {
            if (_segments.Count >= MaxCachedSegments)
            {
                // Forget the oldest mapping this process holds (segments are numbered in creation order), never the
                // ones a producer or a consumer of this process may be using right now.
                int write = *(int*)(_c + WriteSegmentOffset), read = *(int*)(_c + ReadSegmentOffset);
                int oldest = _segments.Keys.Where(n => n != write && n != read).DefaultIfEmpty(0).Min();
                if (_segments.Remove(oldest, out var evicted))
                {
                    evicted.Dispose();
                }
            }

            _segments[number] = file;
        }
    }

    public void Dispose() => Dispose(removeFiles: IsOwner);

    /// <summary>Unmaps the log; <paramref name="removeFiles"/> also removes its files (every process loses it).</summary>
    public void Dispose(bool removeFiles)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (_gate)
        {
            foreach (var file in _segments.Values)
            {
                file.Dispose();
            }

            _segments.Clear();
        }

        string name = _control.Name;
        _control.Dispose();
        if (removeFiles)
        {
            SharedMemoryFile.Unlink(name);
            SharedMemoryFile.RemoveFiles(name + ".*");
        }
    }
}
