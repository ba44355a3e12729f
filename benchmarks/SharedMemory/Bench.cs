using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Multiprocessing;
using static BenchResults;

namespace SharedMemory;

/// <summary>
/// The parent creates a <see cref="SharedArray{T}"/> of longs and fills it; a child sums it where it lies, several times,
/// timing each pass itself (so neither its start-up nor the result's trip back is counted). Next to it: the same sum in
/// the parent, and memcpy of the same size (Buffer.MemoryCopy here; the C floor from the script, when given).
/// </summary>
public static class Bench
{
    private const string Cmd = "benchmarks/run-shared.sh";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["measure", ..])
        {
            Console.Error.WriteLine("usage: SharedMemory measure [--reps=7] [--mib=256] [--variant=NAME] [--c-memcpy=GB/s]");
            return 2;
        }

        int reps = IntOption(args, "reps", 7);
        int mib = IntOption(args, "mib", 256);
        string variant = Variant(args);
        double? cMemcpy = Option(args, "c-memcpy") is { } c ? double.Parse(c, CultureInfo.InvariantCulture) : null;
        long bytes = (long)mib << 20;
        int length = checked((int)(bytes / sizeof(long)));

        // The parent: create and fill (page allocation included: the first touch of every page).
        long t0 = Stopwatch.GetTimestamp();
        using var array = new SharedArray<long>(length);
        double create = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        t0 = Stopwatch.GetTimestamp();
        Fill(array.AsSpan());
        double fill = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        long expected = (long)length * (length - 1) / 2;
        Emit("shm.create", variant, "ms", [create * 1e3], false, $"new SharedArray<long>({length}): /dev/shm file, fallocate, mmap");
        Emit("shm.fill", variant, "GB/s", [bytes / fill / 1e9], true, "parent writes a[i] = i once, straight after creating (includes mapping each page on first touch)");

        // The child: the descriptor crosses, the child maps the same pages and sums them in place.
        var (seconds, sum) = await Child.Targets.SumRepeatedly.Start(array, reps);
        Check(sum == expected, $"child sum {sum}, expected {expected}");
        var child = seconds.Select(s => bytes / s / 1e9).ToList();
        Emit("shm.child_sum", variant, "GB/s", child, true,
            $"a child sums the parent's {mib} MiB SharedArray<long> in place; timed in the child; the first pass maps the pages into the child",
            ("first_pass_GBps", child[0]));

        // The same sum in the parent (no second process): what the child could reach at best.
        var parent = new List<double>();
        for (int r = 0; r < reps; r++)
        {
            t0 = Stopwatch.GetTimestamp();
            long s = Child.Sum(array.AsSpan());
            parent.Add(bytes / Stopwatch.GetElapsedTime(t0).TotalSeconds / 1e9);
            Check(s == expected, "parent sum");
        }

        Emit("shm.parent_sum", variant, "GB/s", parent, true, $"the parent sums its own {mib} MiB SharedArray<long>");

        // memcpy of the same size in this process (the C floor comes from the script).
        var copy = MemoryCopy(bytes, reps);
        Emit("dotnet.memcpy", variant, "GB/s", copy, true, $"Buffer.MemoryCopy of {mib} MiB between two native buffers (bytes copied per second)");

        double childMedian = Median(child);
        double copyMedian = Median(copy);
        Console.Error.WriteLine();
        Console.Error.WriteLine($"  child sum / Buffer.MemoryCopy (same process): {childMedian / copyMedian:F2}   (target >= 0.5)");
        if (cMemcpy is { } floor)
        {
            Console.Error.WriteLine($"  child sum / C memcpy (anchors/c/memcpy_bw):    {childMedian / floor:F2}   (target >= 0.5)");
            Emit("shm.child_sum_vs_memcpy", variant, "ratio", [childMedian / floor], true, "median child sum GB/s / C memcpy 256 MiB GB/s (target >= 0.5)");
        }
        else
        {
            Emit("shm.child_sum_vs_memcpy", variant, "ratio", [childMedian / copyMedian], true, "median child sum GB/s / Buffer.MemoryCopy GB/s (no C floor given; target >= 0.5)");
        }

        return 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Fill(Span<long> span)
    {
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = i;
        }
    }

    private static unsafe List<double> MemoryCopy(long bytes, int reps)
    {
        byte* from = (byte*)NativeMemory.Alloc((nuint)bytes), to = (byte*)NativeMemory.Alloc((nuint)bytes);
        try
        {
            new Span<byte>(from, (int)Math.Min(bytes, int.MaxValue)).Fill(1);
            new Span<byte>(to, (int)Math.Min(bytes, int.MaxValue)).Fill(2);
            Buffer.MemoryCopy(from, to, bytes, bytes); // warm
            var values = new List<double>();
            for (int r = 0; r < reps; r++)
            {
                long t0 = Stopwatch.GetTimestamp();
                Buffer.MemoryCopy(from, to, bytes, bytes);
                values.Add(bytes / Stopwatch.GetElapsedTime(t0).TotalSeconds / 1e9);
            }

            return values;
        }
        finally
        {
            NativeMemory.Free(from);
            NativeMemory.Free(to);
        }
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"check failed: {what}");
        }
    }

    private static void Emit(string metric, string variant, string unit, List<double> v, bool higherIsBetter, string note, params (string Key, double Value)[] extra) =>
        BenchResults.Emit(Cmd, metric, variant, unit, v, higherIsBetter, note, extra);
}

/// <summary>The child's side.</summary>
public static partial class Child
{
    /// <summary>Sums the array <paramref name="reps"/> times where it lies; returns each pass's seconds and the sum.</summary>
    [ProcessTarget]
    public static (double[] Seconds, long Sum) SumRepeatedly(SharedArray<long> array, int reps)
    {
        var seconds = new double[reps];
        long sum = 0;
        for (int r = 0; r < reps; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            sum = Sum(array.AsSpan());
            seconds[r] = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }

        array.Dispose(); // unmaps in the child; the parent owns the memory
        return (seconds, sum);
    }

    /// <summary>A vectorised sum with four independent accumulators (bandwidth-bound, not latency-bound).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Sum(ReadOnlySpan<long> span)
    {
        var vectors = MemoryMarshal.Cast<long, Vector<long>>(span);
        Vector<long> a = default, b = default, c = default, d = default;
        int i = 0;
        for (; i + 4 <= vectors.Length; i += 4)
        {
            a += vectors[i];
            b += vectors[i + 1];
            c += vectors[i + 2];
            d += vectors[i + 3];
        }

        for (; i < vectors.Length; i++)
        {
            a += vectors[i];
        }

        long sum = Vector.Sum(a + b + c + d);
        for (int j = vectors.Length * Vector<long>.Count; j < span.Length; j++)
        {
            sum += span[j];
        }

        return sum;
    }
}
