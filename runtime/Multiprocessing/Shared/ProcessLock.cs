using MemoryPack;
using Multiprocessing.Shared;

namespace Multiprocessing;

/// <summary>
/// A lock shared between processes: Python's <c>multiprocessing.Lock</c>. One process holds it at a time; it is not
/// reentrant (a second <see cref="Acquire"/> in the process that holds it waits). Pass it to a
/// <see cref="ProcessTargetAttribute">process target</see> and the child gets the same lock.
/// </summary>
/// <remarks>
/// <para>The lock belongs to a process, not a thread: any thread of the holding process may <see cref="Release"/>
/// it. If the holder dies while holding it (killed, crashed), the next process that waits for it takes it over
/// within about 100 ms instead of waiting forever; what the holder was changing may be half done.</para>
/// <para>Waits spin briefly, then sleep on a futex in shared memory; timeouts and cancellation are honoured. The
/// process that creates the lock owns it: it lives until that process disposes it or exits. Linux only.</para>
/// </remarks>
[MemoryPackable]
public sealed unsafe partial class ProcessLock : IDisposable
{
    /// <summary>Where the lock's two ints are in its file (also in a <see cref="SharedValue{T}"/>'s file).</summary>
    internal const int Offset = SharedHeader.Size;

    [MemoryPackIgnore]
    private readonly SharedMemoryFile _file;
    [MemoryPackIgnore]
    private readonly bool _ownsMapping;
    [MemoryPackIgnore]
    private int _disposed;

    /// <summary>Creates a lock owned by this process, not held.</summary>
    /// <exception cref="IOException">The shared memory could not be created.</exception>
    public ProcessLock()
    {
        _file = SharedHeader.Create(SharedKind.Lock, 8);
        _ownsMapping = true;
    }

    /// <summary>The lock inside a <see cref="SharedValue{T}"/>'s file, which owns the mapping.</summary>
    internal ProcessLock(SharedMemoryFile file) => _file = file;

    /// <summary>Attaches to an existing lock, or a shared value's (what a child does with the descriptor it received).</summary>
    [MemoryPackConstructor]
    private ProcessLock(string fileName)
    {
        _file = SharedHeader.Open(fileName, SharedKind.Lock, $"process lock '{fileName}'", alsoAccepted: SharedKind.Value);
        _ownsMapping = true;
    }

    /// <summary>The file the lock lives in: its own, or its shared value's.</summary>
    [MemoryPackInclude]
    private string FileName => _file.Name;

    private int* Word => _disposed == 0
        ? (int*)(_file.Pointer + Offset)
        : throw new ObjectDisposedException(ToString(), $"The process lock '{FileName}' was disposed in this process (with its shared value, if it belongs to one).");

    /// <summary>Whether some process holds the lock now (a snapshot).</summary>
    public bool IsHeld => Volatile.Read(ref Word[0]) != 0;

    /// <summary>Whether this process holds the lock now.</summary>
    public bool IsHeldByCurrentProcess
    {
        get
        {
            int* word = Word;
            return Volatile.Read(ref word[0]) != 0 && Volatile.Read(ref word[1]) == Environment.ProcessId;
        }
    }

    /// <summary>Waits until this process holds the lock.</summary>
    /// <exception cref="ObjectDisposedException">This lock (or its shared value) was disposed in this process.</exception>
    public void Acquire() => FutexLock.Enter(Word, -1, CancellationToken.None);

    /// <summary>Waits at most <paramref name="timeout"/> for the lock.</summary>
    /// <param name="timeout">How long to wait; <see cref="TimeSpan.Zero"/> tries once, <see cref="Timeout.InfiniteTimeSpan"/> waits for as long as it takes.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns><see langword="true"/> when this process now holds the lock, <see langword="false"/> when the timeout passed first.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public bool TryAcquire(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        int milliseconds = FutexLock.Milliseconds(timeout, nameof(timeout));
        cancellationToken.ThrowIfCancellationRequested();
        return milliseconds == 0 ? TryTake(Word) : FutexLock.Enter(Word, milliseconds, cancellationToken);
    }

    /// <summary>
    /// Waits for the lock without blocking the caller: a free lock is taken at once; otherwise the wait runs on a
    /// dedicated thread (never a thread-pool thread). The lock is held by the process, so it may be released from
    /// whatever thread the continuation runs on.
    /// </summary>
    /// <param name="timeout">How long to wait; <see langword="null"/> or <see cref="Timeout.InfiniteTimeSpan"/>: no limit.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns><see langword="true"/> when this process now holds the lock, <see langword="false"/> when the timeout passed first.</returns>
    public Task<bool> AcquireAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        int milliseconds = SharedWait.Milliseconds(timeout, nameof(timeout));
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(cancellationToken);
        }

        if (TryTake(Word))
        {
            return SharedWait.FromResult(true);
        }

        if (milliseconds == 0)
        {
            return SharedWait.FromResult(false);
        }

        return SharedWait.RunAsync(this, static (self, ms, ct) => FutexLock.Enter(self.Word, ms, ct), milliseconds, cancellationToken);
    }

    /// <summary>Releases the lock, waking one waiting process.</summary>
    /// <exception cref="SynchronizationLockException">This process does not hold the lock.</exception>
    public void Release()
    {
        int* word = Word;
        if (Volatile.Read(ref word[0]) == 0 || Volatile.Read(ref word[1]) != Environment.ProcessId)
        {
            throw new SynchronizationLockException($"Process {Environment.ProcessId} released the process lock '{FileName}', which it does not hold.");
        }

        FutexLock.Exit(word);
    }

    /// <summary>Acquires the lock and returns a scope whose <see cref="Scope.Dispose"/> releases it: <c>using (l.Hold()) { ... }</c>.</summary>
    /// <returns>The scope that releases the lock.</returns>
    public Scope Hold()
    {
        Acquire();
        return new Scope(this);
    }

    /// <summary>
    /// Unmaps the lock in this process; the creator also removes it. The lock of a <see cref="SharedValue{T}"/> goes
    /// with the value: disposing it does nothing.
    /// </summary>
    public void Dispose()
    {
        if (_ownsMapping && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            SharedHeader.Close(_file);
        }
    }

    /// <summary>The shared value this lock belongs to was disposed.</summary>
    internal void MarkDisposed() => _disposed = 1;

    /// <inheritdoc />
    public override string ToString() => $"ProcessLock {FileName}";

    // FutexLock's own fast path, without its spin: a try that must not wait.
    private static bool TryTake(int* word)
    {
        if (Interlocked.CompareExchange(ref word[0], 1, 0) != 0)
        {
            return false;
        }

        word[1] = Environment.ProcessId;
        return true;
    }

    /// <summary>Holds a <see cref="ProcessLock"/> until disposed (from <see cref="Hold"/>).</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly ProcessLock? _lock;

        internal Scope(ProcessLock processLock) => _lock = processLock;

        /// <summary>Releases the lock.</summary>
        /// <exception cref="SynchronizationLockException">This process no longer holds the lock.</exception>
        public void Dispose() => _lock?.Release();
    }
}
