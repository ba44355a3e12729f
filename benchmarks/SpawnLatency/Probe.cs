using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace SpawnLatency;

/// <summary>
/// Profiling probes, off unless SPAWN_PROFILE names a file. A process stamps the monotonic clock (the same clock in
/// every process on Linux: Stopwatch is CLOCK_MONOTONIC) when our assembly's first code runs, when a target runs and
/// when the process starts to exit, and appends one line "pid main target exit ..." to that file with a raw write(2)
/// whose code is compiled before the first stamp, so that the probes cost microseconds, not a FileStream's start-up.
/// With the JIT it also notes how many methods were compiled (and the JIT's time) by each stamp, and, with
/// SPAWN_PROFILE_ASSEMBLIES=1, which assemblies were loaded by the exit (that costs reflection after the exit stamp).
/// </summary>
internal static partial class Probe
{
    public const string Variable = "SPAWN_PROFILE";
    public const int Main = 0, Target = 1, Exit = 2;

    private static readonly long[] s_stamps = new long[3];
    private static readonly byte[] s_line = new byte[16384];
    private static int s_fd = -1;
    private static bool s_assemblies;
    private static readonly long[] s_jitMethods = new long[3];
    private static readonly double[] s_jitMs = new double[3];
    private static string? s_file;

    /// <summary>
    /// Whether the probes are on. A field, not a property: a target that tests it before calling <see cref="Mark"/> costs
    /// no call and no JIT compilation with the probes off, which the bare process would not pay.
    /// </summary>
    public static bool Enabled;

    [ModuleInitializer]
    internal static void Init()
    {
        // Only reads the environment and stamps the clock: nothing here starts or dispatches anything.
        string? file = Environment.GetEnvironmentVariable(Variable);
        if (file is not { Length: > 0 })
        {
            return;
        }

        s_fd = open(file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0x180 /* 0600 */);
        s_file = file;
        Enabled = true;
        s_assemblies = Environment.GetEnvironmentVariable("SPAWN_PROFILE_ASSEMBLIES") == "1";
        // Compile the exit path now (it writes nothing when dry), so that the exit stamp is not followed by JIT work.
        Flush(dryRun: true);
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        s_stamps[Main] = Stopwatch.GetTimestamp();
        NoteJit(Main);
    }

    public static void Mark(int which)
    {
        if (s_file is not null)
        {
            s_stamps[which] = Stopwatch.GetTimestamp();
            NoteJit(which);
        }
    }

    private static void NoteJit(int which)
    {
        s_jitMethods[which] = System.Runtime.JitInfo.GetCompiledMethodCount();
        s_jitMs[which] = System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds;
    }

    /// <summary>Nanoseconds of a Stopwatch timestamp (1 tick = 1 ns on Linux, converted anyway).</summary>
    public static long Ns(long timestamp) => (long)(timestamp * (1e9 / Stopwatch.Frequency));

    private static void OnProcessExit(object? sender, EventArgs e) => Flush(dryRun: false);

    /// <summary>Appends "pid main target exit jit... assemblies" with no allocation beyond the first call.</summary>
    private static void Flush(bool dryRun)
    {
        if (!dryRun)
        {
            s_stamps[Exit] = Stopwatch.GetTimestamp();
            NoteJit(Exit);
        }

        Span<byte> line = s_line;
        int n = 0;
        Append(line, ref n, Environment.ProcessId);
        foreach (long stamp in s_stamps)
        {
            Append(line, ref n, Ns(stamp));
        }

        foreach (long count in s_jitMethods)
        {
            Append(line, ref n, count);
        }

        foreach (double ms in s_jitMs)
        {
            Append(line, ref n, (long)(ms * 1000)); // microseconds
        }

        line[n++] = (byte)' ';
        if (s_assemblies && !dryRun)
        {
            // Costs reflection at exit: only when asked (SPAWN_PROFILE_ASSEMBLIES=1); it delays exit->parent.
            string names = string.Join(",", AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name));
            n += Encoding.ASCII.GetBytes(names.AsSpan(0, Math.Min(names.Length, line.Length - n - 1)), line[n..]);
        }
        else
        {
            line[n++] = (byte)'-';
        }

        line[n++] = (byte)'\n';
        if (!dryRun && s_fd >= 0)
        {
            _ = write(s_fd, s_line, n);
        }
    }

    /// <summary>Decimal digits by hand: any culture-aware formatting (even InvariantCulture) loads ICU, ~2-3 ms.</summary>
    private static void Append(Span<byte> line, ref int n, long value)
    {
        if (n > 0)
        {
            line[n++] = (byte)' ';
        }

        if (value < 0)
        {
            line[n++] = (byte)'-';
            value = -value;
        }

        int start = n;
        do
        {
            line[n++] = (byte)('0' + (value % 10));
            value /= 10;
        }
        while (value != 0);

        line[start..n].Reverse();
    }

    /// <summary>One child's probe line: stamps in ns (target 0 for a bare process), JIT counts and times by each stamp.</summary>
    public sealed record Child(long Main, long Target, long Exit, long[] JitMethods, double[] JitMs, string[] Assemblies);

    /// <summary>Reads the children's lines by pid.</summary>
    public static Dictionary<int, Child> ReadChildren()
    {
        var result = new Dictionary<int, Child>();
        if (s_file is null || !File.Exists(s_file))
        {
            return result;
        }

        foreach (string line in File.ReadAllLines(s_file))
        {
            string[] f = line.Split(' ');
            if (f.Length == 11)
            {
                var inv = System.Globalization.CultureInfo.InvariantCulture;
                result[int.Parse(f[0], inv)] = new Child(long.Parse(f[1], inv), long.Parse(f[2], inv), long.Parse(f[3], inv),
                    [long.Parse(f[4], inv), long.Parse(f[5], inv), long.Parse(f[6], inv)],
                    [long.Parse(f[7], inv) / 1000.0, long.Parse(f[8], inv) / 1000.0, long.Parse(f[9], inv) / 1000.0],
                    f[10] == "-" ? [] : f[10].Split(','));
            }
        }

        return result;
    }

    private const int O_WRONLY = 0x1, O_CREAT = 0x40, O_APPEND = 0x400, O_CLOEXEC = 0x80000; // Linux x64

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "write")]
    private static partial nint write(int fd, byte[] buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int close(int fd);
}
