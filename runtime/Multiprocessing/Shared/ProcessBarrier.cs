using MemoryPack;
using Multiprocessing.Shared;

namespace Multiprocessing;

/// <summary>
/// A barrier for a fixed number of processes: Python's <c>multiprocessing.Barrier</c>. Each participant calls
/// <see cref="SignalAndWait()"/>; all of them are released together when the last one arrives, and the barrier is ready
/// for the next phase. Pass it to a <see cref="ProcessTargetAttribute">process target</see> and the child gets the same
/// barrier.
/// </summary>
/// <remarks>
/// <para>A participant whose wait times out or is cancelled withdraws its arrival, so the others keep waiting for a
/// full count. If a process that uses the barrier dies (killed, crashed) while others wait, they do not wait forever:
/// within about 100 ms the barrier breaks and every wait, then and later, throws <see cref="BrokenBarrierException"/>
/// (Python's <c>BrokenBarrierError</c>). A process that ends normally, or disposes its barrier, leaves without breaking
/// it.</para>
/// <para>Waits sleep on a futex in shared memory. The process that creates the barrier owns it: it lives until that
/// process disposes it or exits. Linux only.</para>
/// </remarks>
[MemoryPackable]
public sealed unsafe partial class ProcessBarrier : IDisposable
{
    // State: a long whose low int counts arrivals and high int is the phase (what waiters sleep on, little-endian);
    // then the pid of a dead participant once the barrier is broken; then the pids of the processes that use it.
    private const int StateOffset = SharedHeader.Size, PhaseOffset = StateOffset + 4, BrokenOffset = StateOffset + 8;
    private const int UsersOffset = SharedHeader.Size + 64, UserSlots = (SharedHeader.Page - UsersOffset) / 4;

    // This process's place in each barrier's users table, by barrier: one per process, however many objects attach.
    private static readonly Dictionary<string, Registration> s_registrations = new(StringComparer.Ordinal);
    private static bool s_exitHook;

    [MemoryPackIgnore]
    private readonly SharedMemoryFile _file;
    [MemoryPackIgnore]
    private int _disposed;
    [MemoryPackIgnore]
    private bool _registered;

    /// <summary>Creates a barrier for <paramref name="participantCount"/> processes (or threads), owned by this process.</summary>
    /// <param name="participantCount">How many calls to <see cref="SignalAndWait()"/> complete a phase; at least 1.</param>
    public ProcessBarrier(int participantCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(participantCount);
        _file = SharedHeader.Create(SharedKind.Barrier, SharedHeader.Page - SharedHeader.Size, extra: participantCount);
        Register();
    }

    /// <summary>Attaches to an existing barrier (what a child does with the descriptor it received).</summary>
    [MemoryPackConstructor]
    private ProcessBarrier(string fileName)
    {
        _file = SharedHeader.Open(fileName, SharedKind.Barrier, $"process barrier '{fileName}'");
        Register();
    }

    [MemoryPackInclude]
    private string FileName => _file.Name;

    private byte* Base => _disposed == 0 ? _file.Pointer : throw new ObjectDisposedException($"ProcessBarrier {FileName}", $"The process barrier '{FileName}' was disposed in this process.");

    /// <summary>How many calls to <see cref="SignalAndWait()"/> complete a phase.</summary>
    public int ParticipantCount => SharedHeader.Extra(_file);

    /// <summary>How many phases have completed.</summary>
    public long CurrentPhaseNumber => (uint)Volatile.Read(ref *Phase);

    /// <summary>Whether a participant died while others waited: every wait now throws <see cref="BrokenBarrierException"/>.</summary>
    public bool IsBroken => Volatile.Read(ref *Broken) != 0;

    private long* State => (long*)(Base + StateOffset);

    private int* Phase => (int*)(Base + PhaseOffset);

    private int* Broken => (int*)(Base + BrokenOffset);

    private int* Users => (int*)(Base + UsersOffset);

    /// <summary>Signals that this participant arrived and waits for the others.</summary>
    /// <exception cref="BrokenBarrierException">A participant process died: the phase will never complete.</exception>
    public void SignalAndWait() => SignalAndWait(-1, CancellationToken.None);

    /// <summary>Signals that this participant arrived and waits at most <paramref name="timeout"/> for the others.</summary>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> waits for as long as it takes.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns><see langword="true"/> when the phase completed; <see langword="false"/> when the timeout passed first (the arrival is withdrawn).</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first (the arrival is withdrawn).</exception>
    /// <exception cref="BrokenBarrierException">A participant process died: the phase will never complete.</exception>
    public bool SignalAndWait(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        SignalAndWait(FutexLock.Milliseconds(timeout, nameof(timeout)), cancellationToken);

    /// <summary>Signals that this participant arrived and waits for the others without blocking the caller (on a dedicated thread).</summary>
    /// <param name="timeout">How long to wait; <see langword="null"/> or <see cref="Timeout.InfiniteTimeSpan"/>: no limit.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns><see langword="true"/> when the phase completed; <see langword="false"/> when the timeout passed first.</returns>
    public Task<bool> SignalAndWaitAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        int milliseconds = SharedWait.Milliseconds(timeout, nameof(timeout));
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(cancellationToken);
        }

        return SharedWait.RunAsync(this, static (self, ms, ct) => self.SignalAndWait(ms, ct), milliseconds, cancellationToken);
    }

    /// <summary>Unmaps the barrier in this process (leaving it without breaking it); the creator also removes it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Unregister();
            SharedHeader.Close(_file);
        }
    }

    /// <inheritdoc />
    public override string ToString() => _disposed == 0 ? $"ProcessBarrier {FileName} ({ParticipantCount} participants, phase {CurrentPhaseNumber})" : $"ProcessBarrier {FileName} (disposed)";

    private bool SignalAndWait(int millisecondsTimeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfBroken();
        long* state = State;
        int participants = ParticipantCount;
        long arrived;
        while (true)
        {
            long current = Volatile.Read(ref *state);
            int phase = (int)(current >> 32), count = (int)current;
            if (count + 1 >= participants)
            {
                // The last one: a new phase with no arrivals, and everyone goes.
                if (Interlocked.CompareExchange(ref *state, (long)(uint)(phase + 1) << 32, current) == current)
                {
                    Linux.FutexWake(Phase);
                    return true;
                }
            }
            else if (Interlocked.CompareExchange(ref *state, current + 1, current) == current)
            {
                arrived = current + 1;
                break;
            }
        }

        int myPhase = (int)(arrived >> 32);
        long deadline = FutexLock.Deadline(millisecondsTimeout);
        long nextLivenessCheck = Environment.TickCount64 + FutexLock.LivenessCheckMilliseconds;
        for (int i = 0; i < SharedWait.SpinCount && Volatile.Read(ref *Phase) == myPhase; i++)
        {
            Thread.SpinWait(20);
        }

        try
        {
            while (Volatile.Read(ref *Phase) == myPhase)
            {
                ThrowIfBroken();
                if (!FutexLock.WaitOnce(Phase, myPhase, deadline, cancellationToken))
                {
                    return !Withdraw(myPhase);
                }

                if (Volatile.Read(ref *Phase) == myPhase && Environment.TickCount64 >= nextLivenessCheck)
                {
                    nextLivenessCheck = Environment.TickCount64 + FutexLock.LivenessCheckMilliseconds;
                    BreakIfAUserDied();
                }
            }

            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or BrokenBarrierException)
        {
            if (!Withdraw(myPhase) && e is OperationCanceledException)
            {
                return true; // the phase completed as the wait was cancelled: the arrival counted
            }

            throw;
        }
    }

    /// <summary>Takes back an arrival in <paramref name="phase"/>; false when that phase completed meanwhile.</summary>
    private bool Withdraw(int phase)
    {
        long* state = State;
        while (true)
        {
            long current = Volatile.Read(ref *state);
            if ((int)(current >> 32) != phase)
            {
                return false;
            }

            if ((int)current == 0 || Interlocked.CompareExchange(ref *state, current - 1, current) == current)
            {
                return true;
            }
        }
    }

    private void ThrowIfBroken()
    {
        int dead = Volatile.Read(ref *Broken);
        if (dead != 0)
        {
            throw new BrokenBarrierException(
                $"The process barrier '{FileName}' is broken: process {dead}, which used it, died while others waited, so the phase cannot complete.", dead);
        }
    }

    /// <summary>A waiter's periodic check: a process that uses the barrier and no longer exists breaks it.</summary>
    private void BreakIfAUserDied()
    {
        int* users = Users;
        for (int i = 0; i < UserSlots; i++)
        {
            int pid = Volatile.Read(ref users[i]);
            if (pid != 0 && !Linux.ProcessExists(pid))
            {
                if (Interlocked.CompareExchange(ref *Broken, pid, 0) == 0)
                {
                    Linux.FutexWake(Phase);
                }

                ThrowIfBroken();
            }
        }
    }

    /// <summary>Records this process among the barrier's users (until it disposes it or exits normally).</summary>
    private void Register()
    {
        lock (s_registrations)
        {
            if (s_registrations.TryGetValue(FileName, out var registration))
            {
                registration.Count++;
                _registered = true;
                return;
            }

            int* users = Users;
            int pid = Environment.ProcessId;
            for (int i = 0; i < UserSlots && !_registered; i++)
            {
                if (Volatile.Read(ref users[i]) == 0 && Interlocked.CompareExchange(ref users[i], pid, 0) == 0)
                {
                    s_registrations[FileName] = new Registration(_file, i);
                    _registered = true;
                }
            }

            if (_registered && !s_exitHook)
            {
                // A process that ends normally leaves the barrier without breaking it (its mappings stay valid until it ends).
                s_exitHook = true;
                AppDomain.CurrentDomain.ProcessExit += static (_, _) =>
                {
                    lock (s_registrations)
                    {
                        foreach (var registration in s_registrations.Values)
                        {
                            registration.Clear(registration.File);
                        }

                        s_registrations.Clear();
                    }
                };
            }

            // More users than slots: the others are not watched.
        }
    }

    private void Unregister()
    {
        lock (s_registrations)
        {
            if (!_registered)
            {
                return;
            }

            _registered = false;
            if (s_registrations.TryGetValue(FileName, out var registration) && --registration.Count == 0)
            {
                s_registrations.Remove(FileName);
                registration.Clear(_file);
            }
        }
    }

    private sealed class Registration(SharedMemoryFile file, int slot)
    {
        public SharedMemoryFile File { get; } = file;

        public int Count { get; set; } = 1;

        /// <summary>Takes this process out of the users table, through a mapping that is still there.</summary>
        public void Clear(SharedMemoryFile through)
        {
            if (through.IsMapped)
            {
                Interlocked.CompareExchange(ref ((int*)(through.Pointer + UsersOffset))[slot], 0, Environment.ProcessId);
            }
        }
    }
}

/// <summary>
/// A <see cref="ProcessBarrier"/> cannot complete its phase: a process that used it died while others waited
/// (Python's <c>threading.BrokenBarrierError</c>).
/// </summary>
public sealed class BrokenBarrierException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="deadProcessId">The process that died.</param>
    public BrokenBarrierException(string message, int deadProcessId)
        : base(message) => DeadProcessId = deadProcessId;

    /// <summary>The id of the process whose death broke the barrier.</summary>
    public int DeadProcessId { get; }
}
