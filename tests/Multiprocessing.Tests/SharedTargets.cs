namespace Multiprocessing.Tests;

/// <summary>Targets for <see cref="SharedMemoryTests"/> and <see cref="SynchronizationTests"/>: shared objects passed to real children.</summary>
public static partial class SharedTargets
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>Returns the sum of the array and doubles every element in place.</summary>
    [ProcessTarget]
    public static long SumAndDouble(SharedArray<int> array)
    {
        long sum = 0;
        foreach (ref int item in array.AsSpan())
        {
            sum += item;
            item *= 2;
        }

        return sum;
    }

    /// <summary>Returns the value and stores <paramref name="replacement"/>.</summary>
    [ProcessTarget]
    public static double Exchange(SharedValue<double> value, double replacement)
    {
        using (value.Lock.Hold())
        {
            double old = value.Value;
            value.Value = replacement;
            return old;
        }
    }

    /// <summary>Increments the value <paramref name="times"/> times, each time under its lock.</summary>
    [ProcessTarget]
    public static void Increment(SharedValue<long> counter, int times)
    {
        for (int i = 0; i < times; i++)
        {
            using (counter.Lock.Hold())
            {
                counter.Value++;
            }
        }
    }

    /// <summary>Increments the value under a lock passed on its own (the value's own lock, sent separately).</summary>
    [ProcessTarget]
    public static void IncrementWith(SharedValue<long> counter, ProcessLock processLock, int times)
    {
        for (int i = 0; i < times; i++)
        {
            processLock.Acquire();
            counter.Value++;
            processLock.Release();
        }
    }

    /// <summary>Creates an array of its own, says its name, and waits to be killed.</summary>
    [ProcessTarget]
    public static void CreateArrayAndSleep(int length)
    {
        var array = new SharedArray<byte>(length);
        array[0] = 42;
        Console.WriteLine($"name={array.Name}");
        Thread.Sleep(60_000);
        GC.KeepAlive(array);
    }

    /// <summary>Takes the lock, says so, and waits to be killed while holding it.</summary>
    [ProcessTarget]
    public static void HoldLockAndSleep(ProcessLock processLock, ProcessEvent held)
    {
        processLock.Acquire();
        held.Set();
        Thread.Sleep(60_000);
    }

    /// <summary>Holds the lock until <paramref name="release"/> is set, then releases it.</summary>
    [ProcessTarget]
    public static bool HoldLockUntil(ProcessLock processLock, ProcessEvent held, ProcessEvent release)
    {
        processLock.Acquire();
        held.Set();
        bool released = release.Wait(Patience);
        processLock.Release();
        return released;
    }

    /// <summary>
    /// Enters the semaphore <paramref name="rounds"/> times; inside, counts how many processes are inside and records the
    /// most seen in <paramref name="stats"/> ([0]: inside now, [1]: most inside at once). Returns the rounds done.
    /// </summary>
    [ProcessTarget]
    public static int UseSemaphore(ProcessSemaphore semaphore, SharedArray<int> stats, int rounds)
    {
        int done = 0;
        for (int i = 0; i < rounds; i++)
        {
            if (!semaphore.Wait(Patience))
            {
                return done;
            }

            int inside = Interlocked.Increment(ref stats[0]);
            int most;
            while (inside > (most = Volatile.Read(ref stats[1])) && Interlocked.CompareExchange(ref stats[1], inside, most) != most)
            {
            }

            Thread.Sleep(5);
            Interlocked.Decrement(ref stats[0]);
            semaphore.Release();
            done++;
        }

        return done;
    }

    /// <summary>Says it is ready, then waits for <paramref name="go"/>; returns whether it came.</summary>
    [ProcessTarget]
    public static bool WaitForGo(ProcessEvent ready, ProcessEvent go)
    {
        ready.Set();
        return go.Wait(Patience);
    }

    /// <summary>
    /// Goes through <paramref name="phases"/> phases of the barrier; before each, marks its arrival in
    /// <paramref name="arrivals"/>[<paramref name="index"/>]. Returns how many times it was released before every
    /// participant had arrived (0 when the barrier works), or -1 if a wait timed out.
    /// </summary>
    [ProcessTarget]
    public static int CrossBarrier(ProcessBarrier barrier, SharedArray<int> arrivals, int index, int phases)
    {
        int early = 0;
        for (int phase = 1; phase <= phases; phase++)
        {
            Volatile.Write(ref arrivals[index], phase);
            if (!barrier.SignalAndWait(Patience))
            {
                return -1;
            }

            for (int other = 0; other < arrivals.Length; other++)
            {
                if (Volatile.Read(ref arrivals[other]) < phase)
                {
                    early++;
                }
            }
        }

        return early;
    }

    /// <summary>Attaches to the barrier, says so, and waits to be killed without arriving.</summary>
    [ProcessTarget]
    public static void AttachAndSleep(ProcessBarrier barrier, ProcessEvent attached)
    {
        attached.Set();
        Thread.Sleep(60_000);
        GC.KeepAlive(barrier);
    }

    /// <summary>A pool task: squares its slot of the array in place; says which process did it and how many times that process maps the array.</summary>
    [ProcessTarget]
    public static (int Pid, int Mappings) SquareSlot(SharedArray<long> array, int index)
    {
        array[index] *= array[index];
        return (Environment.ProcessId, File.ReadLines("/proc/self/maps").Count(line => line.EndsWith("/" + array.Name, StringComparison.Ordinal)));
    }

    /// <summary>Reads a value it was given; used to check a disposed object's descriptor fails clearly in the child.</summary>
    [ProcessTarget]
    public static int ReadFirst(SharedArray<int> array) => array[0];
}
