namespace Multiprocessing.Shared;

/// <summary>
/// A mutex in two shared ints (<c>[0]</c> state: 0 free, 1 held, 2 held with sleepers; <c>[1]</c> the holder's pid),
/// usable from every process that maps them. A holder that dies is noticed by the next waiter (its pid no longer
/// exists) and the lock passes on: the structures it guards publish their changes with one final store, so a holder
/// that died half-way left nothing visible.
/// </summary>
internal static unsafe class FutexLock
{
    /// <summary>How long a sleeper waits before it checks that the holder (or a peer) is still alive.</summary>
    public const int LivenessCheckMilliseconds = 100;

    private const int SpinCount = 100;

    /// <summary>Takes the lock; false when <paramref name="millisecondsTimeout"/> (negative: none) passed first.</summary>
    public static bool Enter(int* word, int millisecondsTimeout, CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref word[0], 1, 0) == 0)
        {
            word[1] = Environment.ProcessId;
            return true;
        }

        return EnterSlow(word, millisecondsTimeout, cancellationToken);
    }

    private static bool EnterSlow(int* word, int millisecondsTimeout, CancellationToken cancellationToken)
    {
        for (int i = 0; i < SpinCount; i++)
        {
            Thread.SpinWait(20);
            if (Volatile.Read(ref word[0]) == 0 && Interlocked.CompareExchange(ref word[0], 1, 0) == 0)
            {
                word[1] = Environment.ProcessId;
                return true;
            }
        }

        long deadline = millisecondsTimeout < 0 ? long.MaxValue : Environment.TickCount64 + millisecondsTimeout;
        using var wake = cancellationToken.CanBeCanceled ? cancellationToken.UnsafeRegister(static w => Linux.FutexWake((int*)(nint)w!), (nint)word) : default;
        while (true)
        {
            if (Interlocked.Exchange(ref word[0], 2) == 0)
            {
                word[1] = Environment.ProcessId;
                return true;
            }

            cancellationToken.ThrowIfCancellationRequested();
            long left = deadline - Environment.TickCount64;
            if (left <= 0)
            {
                return false;
            }

            if (!Linux.FutexWait(&word[0], 2, (int)Math.Min(left, LivenessCheckMilliseconds)))
            {
                int holder = Volatile.Read(ref word[1]);
                if (holder != 0 && !Linux.ProcessExists(holder) && Interlocked.CompareExchange(ref word[1], Environment.ProcessId, holder) == holder)
                {
                    // The holder died inside: take the lock over (state stays "held").
                    Volatile.Write(ref word[0], 2);
                    return true;
                }
            }
        }
    }

    /// <summary>Releases the lock.</summary>
    public static void Exit(int* word)
    {
        word[1] = 0;
        if (Interlocked.Exchange(ref word[0], 0) == 2)
        {
            Linux.FutexWake(&word[0], 1);
        }
    }

    /// <summary>
    /// Sleeps while <c>*word == expected</c> (an event count that writers bump before they wake), up to
    /// <see cref="LivenessCheckMilliseconds"/> at a time so the caller can check its peers. Cancellation wakes it.
    /// Returns false when <paramref name="deadline"/> (<see cref="Environment.TickCount64"/>) passed.
    /// </summary>
    public static bool WaitOnce(int* word, int expected, long deadline, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        long left = deadline - Environment.TickCount64;
        if (left <= 0)
        {
            return false;
        }

        using var wake = cancellationToken.CanBeCanceled ? cancellationToken.UnsafeRegister(static w => Linux.FutexWake((int*)(nint)w!), (nint)word) : default;
        Linux.FutexWait(word, expected, (int)Math.Min(left, LivenessCheckMilliseconds));
        cancellationToken.ThrowIfCancellationRequested();
        return true;
    }

    /// <summary>A deadline for <see cref="WaitOnce"/> from a timeout in milliseconds (negative: none).</summary>
    public static long Deadline(int millisecondsTimeout) => millisecondsTimeout < 0 ? long.MaxValue : Environment.TickCount64 + millisecondsTimeout;

    /// <summary>A timeout in milliseconds (-1: none) from a <see cref="TimeSpan"/>, validated.</summary>
    public static int Milliseconds(TimeSpan timeout, string parameter)
    {
        long ms = (long)timeout.TotalMilliseconds;
        return ms == -1 ? -1 : ms is >= 0 and <= int.MaxValue ? (int)ms : throw new ArgumentOutOfRangeException(parameter, timeout, "The timeout must be non-negative or Timeout.InfiniteTimeSpan.");
    }
}
