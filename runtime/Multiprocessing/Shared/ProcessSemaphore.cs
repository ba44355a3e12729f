using MemoryPack;
using Multiprocessing.Shared;

namespace Multiprocessing;

/// <summary>
/// A counting semaphore shared between processes: Python's <c>multiprocessing.Semaphore</c> and
/// <c>BoundedSemaphore</c>, shaped like <see cref="SemaphoreSlim"/>. Pass it to a
/// <see cref="ProcessTargetAttribute">process target</see> and the child gets the same semaphore.
/// </summary>
/// <remarks>
/// Counts are not owned: a process that dies after <see cref="Wait()"/> and before <see cref="Release"/> takes its
/// count with it (as in Python). Waits spin briefly, then sleep on a futex in shared memory; timeouts and cancellation
/// are honoured. The process that creates the semaphore owns it: it lives until that process disposes it or exits.
/// Linux only.
/// </remarks>
[MemoryPackable]
public sealed unsafe partial class ProcessSemaphore : IDisposable
{
    // The count, then the number of sleeping waiters (a release wakes only when someone sleeps).
    private const int CountOffset = SharedHeader.Size, WaitersOffset = SharedHeader.Size + 4;

    [MemoryPackIgnore]
    private readonly SharedMemoryFile _file;
    [MemoryPackIgnore]
    private int _disposed;

    /// <summary>Creates a semaphore owned by this process.</summary>
    /// <param name="initialCount">How many <see cref="Wait()"/>s succeed before one has to wait.</param>
    /// <param name="maximumCount">The count <see cref="Release"/> may not exceed (Python's <c>BoundedSemaphore</c>); no bound by default.</param>
    /// <exception cref="ArgumentOutOfRangeException">The counts are negative, or the initial count exceeds the maximum.</exception>
    public ProcessSemaphore(int initialCount, int maximumCount = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maximumCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(initialCount, maximumCount);
        _file = SharedHeader.Create(SharedKind.Semaphore, 8, extra: maximumCount);
        *Count = initialCount;
    }

    /// <summary>Attaches to an existing semaphore (what a child does with the descriptor it received).</summary>
    [MemoryPackConstructor]
    private ProcessSemaphore(string fileName) =>
        _file = SharedHeader.Open(fileName, SharedKind.Semaphore, $"process semaphore '{fileName}'");

    [MemoryPackInclude]
    private string FileName => _file.Name;

    private byte* Base => _disposed == 0 ? _file.Pointer : throw new ObjectDisposedException($"ProcessSemaphore {FileName}", $"The process semaphore '{FileName}' was disposed in this process.");

    private int* Count => (int*)(Base + CountOffset);

    private int* Waiters => (int*)(Base + WaitersOffset);

    /// <summary>The number of <see cref="Wait()"/>s that would succeed now (a snapshot: other processes change it).</summary>
    public int CurrentCount => Volatile.Read(ref *Count);

    /// <summary>The count <see cref="Release"/> may not exceed.</summary>
    public int MaximumCount => SharedHeader.Extra(_file);

    /// <summary>Waits until the count is above zero, then decrements it.</summary>
    public void Wait() => Wait(-1, CancellationToken.None);

    /// <summary>Waits at most <paramref name="timeout"/> until the count is above zero, then decrements it.</summary>
    /// <param name="timeout">How long to wait; <see cref="TimeSpan.Zero"/> tries once, <see cref="Timeout.InfiniteTimeSpan"/> waits for as long as it takes.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns><see langword="true"/> when a count was taken, <see langword="false"/> when the timeout passed first.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public bool Wait(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Wait(FutexLock.Milliseconds(timeout, nameof(timeout)), cancellationToken);

    /// <summary>Waits until the count is above zero, then decrements it, without blocking the caller.</summary>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>A task that completes when a count was taken.</returns>
    public Task WaitAsync(CancellationToken cancellationToken = default) => WaitAsync(-1, cancellationToken);

    /// <summary>
    /// Waits at most <paramref name="timeout"/> until the count is above zero, then decrements it, without blocking the
    /// caller: an available count is taken at once; otherwise the wait runs on a dedicated thread.
    /// </summary>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> waits for as long as it takes.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns><see langword="true"/> when a count was taken, <see langword="false"/> when the timeout passed first.</returns>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitAsync(FutexLock.Milliseconds(timeout, nameof(timeout)), cancellationToken);

    /// <summary>Adds <paramref name="releaseCount"/> to the count, waking as many waiting processes.</summary>
    /// <param name="releaseCount">How much to add; at least 1.</param>
    /// <returns>The count before the release.</returns>
    /// <exception cref="SemaphoreFullException">The count would exceed <see cref="MaximumCount"/>.</exception>
    public int Release(int releaseCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(releaseCount);
        int* count = Count;
        int maximum = MaximumCount;
        int previous;
        do
        {
            previous = Volatile.Read(ref *count);
            if (previous > maximum - releaseCount)
            {
                throw new SemaphoreFullException($"Releasing the process semaphore '{FileName}' by {releaseCount} would take its count from {previous} past its maximum {maximum}.");
            }
        }
        while (Interlocked.CompareExchange(ref *count, previous + releaseCount, previous) != previous);

        if (Volatile.Read(ref *Waiters) > 0)
        {
            Linux.FutexWake(count, releaseCount);
        }

        return previous;
    }

    /// <summary>Unmaps the semaphore in this process; the creator also removes it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            SharedHeader.Close(_file);
        }
    }

    /// <inheritdoc />
    public override string ToString() => _disposed == 0 ? $"ProcessSemaphore {FileName} (count {CurrentCount})" : $"ProcessSemaphore {FileName} (disposed)";

    private static bool TryTake(int* count)
    {
        int current;
        while ((current = Volatile.Read(ref *count)) > 0)
        {
            if (Interlocked.CompareExchange(ref *count, current - 1, current) == current)
            {
                return true;
            }
        }

        return false;
    }

    private bool Wait(int millisecondsTimeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int* count = Count;
        if (TryTake(count))
        {
            return true;
        }

        if (millisecondsTimeout == 0)
        {
            return false;
        }

        long deadline = FutexLock.Deadline(millisecondsTimeout);
        for (int i = 0; i < SharedWait.SpinCount; i++)
        {
            Thread.SpinWait(20);
            if (TryTake(count))
            {
                return true;
            }
        }

        int* waiters = Waiters;
        Interlocked.Increment(ref *waiters);
        try
        {
            while (true)
            {
                if (TryTake(count))
                {
                    return true;
                }

                // Sleeps only while the count is 0: a release between the try and the sleep is not missed.
                if (!FutexLock.WaitOnce(count, 0, deadline, cancellationToken))
                {
                    return TryTake(count);
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref *waiters);
        }
    }

    private Task<bool> WaitAsync(int millisecondsTimeout, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(cancellationToken);
        }

        if (TryTake(Count))
        {
            return SharedWait.FromResult(true);
        }

        if (millisecondsTimeout == 0)
        {
            return SharedWait.FromResult(false);
        }

        return SharedWait.RunAsync(this, static (self, ms, ct) => self.Wait(ms, ct), millisecondsTimeout, cancellationToken);
    }
}
