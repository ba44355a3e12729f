using MemoryPack;
using Multiprocessing.Shared;

namespace Multiprocessing;

/// <summary>
/// A flag processes wait on: Python's <c>multiprocessing.Event</c> (a manual-reset event). <see cref="Set"/> releases
/// every waiter in every process and keeps releasing new ones until <see cref="Clear"/>. Pass it to a
/// <see cref="ProcessTargetAttribute">process target</see> and the child gets the same event.
/// </summary>
/// <remarks>
/// A waiter is released by every <see cref="Set"/> that happens while it waits, even when another process clears the
/// event again before the waiter runs. Waits spin briefly, then sleep on a futex in shared memory; timeouts and
/// cancellation are honoured. The process that creates the event owns it: it lives until that process disposes it or
/// exits. Linux only.
/// </remarks>
[MemoryPackable]
public sealed unsafe partial class ProcessEvent : IDisposable
{
    // The flag, the number of sleeping waiters, and the number of times the event was set (what waiters sleep on).
    private const int FlagOffset = SharedHeader.Size, WaitersOffset = SharedHeader.Size + 4, GenerationOffset = SharedHeader.Size + 8;

    [MemoryPackIgnore]
    private readonly SharedMemoryFile _file;
    [MemoryPackIgnore]
    private int _disposed;

    /// <summary>Creates an event owned by this process.</summary>
    /// <param name="initiallySet">Whether the event starts set.</param>
    public ProcessEvent(bool initiallySet = false)
    {
        _file = SharedHeader.Create(SharedKind.Event, 12);
        *Flag = initiallySet ? 1 : 0;
    }

    /// <summary>Attaches to an existing event (what a child does with the descriptor it received).</summary>
    [MemoryPackConstructor]
    private ProcessEvent(string fileName) =>
        _file = SharedHeader.Open(fileName, SharedKind.Event, $"process event '{fileName}'");

    [MemoryPackInclude]
    private string FileName => _file.Name;

    private byte* Base => _disposed == 0 ? _file.Pointer : throw new ObjectDisposedException($"ProcessEvent {FileName}", $"The process event '{FileName}' was disposed in this process.");

    private int* Flag => (int*)(Base + FlagOffset);

    private int* Waiters => (int*)(Base + WaitersOffset);

    private int* Generation => (int*)(Base + GenerationOffset);

    /// <summary>Whether the event is set (Python's <c>is_set()</c>).</summary>
    public bool IsSet => Volatile.Read(ref *Flag) != 0;

    /// <summary>Sets the event: every waiting process is released, and waits return at once until <see cref="Clear"/>.</summary>
    public void Set()
    {
        if (Interlocked.Exchange(ref *Flag, 1) == 0)
        {
            Interlocked.Increment(ref *Generation);
            if (Volatile.Read(ref *Waiters) > 0)
            {
                Linux.FutexWake(Generation);
            }
        }
    }

    /// <summary>Clears the event: later waits wait for the next <see cref="Set"/>.</summary>
    public void Clear() => Interlocked.Exchange(ref *Flag, 0);

    /// <summary>Waits until the event is set.</summary>
    public void Wait() => Wait(-1, CancellationToken.None);

    /// <summary>Waits at most <paramref name="timeout"/> until the event is set.</summary>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> waits for as long as it takes.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns><see langword="true"/> when the event was set, <see langword="false"/> when the timeout passed first.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public bool Wait(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Wait(FutexLock.Milliseconds(timeout, nameof(timeout)), cancellationToken);

    /// <summary>Waits until the event is set, without blocking the caller.</summary>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>A task that completes when the event is set.</returns>
    public Task WaitAsync(CancellationToken cancellationToken = default) => WaitAsync(-1, cancellationToken);

    /// <summary>
    /// Waits at most <paramref name="timeout"/> until the event is set, without blocking the caller: a set event
    /// completes at once; otherwise the wait runs on a dedicated thread.
    /// </summary>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> waits for as long as it takes.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns><see langword="true"/> when the event was set, <see langword="false"/> when the timeout passed first.</returns>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitAsync(FutexLock.Milliseconds(timeout, nameof(timeout)), cancellationToken);

    /// <summary>Unmaps the event in this process; the creator also removes it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            SharedHeader.Close(_file);
        }
    }

    /// <inheritdoc />
    public override string ToString() => _disposed == 0 ? $"ProcessEvent {FileName} ({(IsSet ? "set" : "clear")})" : $"ProcessEvent {FileName} (disposed)";

    private bool Wait(int millisecondsTimeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int* flag = Flag, generation = Generation;
        int seen = Volatile.Read(ref *generation);
        if (Volatile.Read(ref *flag) != 0)
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
            if (Volatile.Read(ref *flag) != 0 || Volatile.Read(ref *generation) != seen)
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
                if (Volatile.Read(ref *flag) != 0 || Volatile.Read(ref *generation) != seen)
                {
                    return true;
                }

                // Sleeps only while no Set happened since this wait began.
                if (!FutexLock.WaitOnce(generation, seen, deadline, cancellationToken))
                {
                    return Volatile.Read(ref *flag) != 0 || Volatile.Read(ref *generation) != seen;
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

        if (IsSet || millisecondsTimeout == 0)
        {
            return SharedWait.FromResult(IsSet);
        }

        return SharedWait.RunAsync(this, static (self, ms, ct) => self.Wait(ms, ct), millisecondsTimeout, cancellationToken);
    }
}
