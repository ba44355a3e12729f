using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ChannelsBench;

/// <summary>
/// What a child measures about itself over the timed part of a figure, returned to the parent as a <c>long[]</c>:
/// the start or end timestamp, the elapsed time, and the child's CPU time, page faults, context switches and managed
/// allocations in between (getrusage(RUSAGE_SELF), so the whole process: the runtime's own threads are in it too).
/// </summary>
internal readonly struct Probe
{
    /// <summary>Indexes into the returned record.</summary>
    public const int Stamp = 0, Elapsed = 1, UserUs = 2, SysUs = 3, MinorFaults = 4, VoluntarySwitches = 5, InvoluntarySwitches = 6, AllocatedBytes = 7, Gcs = 8, Length = 9;

    private readonly RUsage _usage;
    private readonly long _allocated;
    private readonly int _gcs;
    private readonly long _t0;

    private Probe(RUsage usage, long allocated, int gcs, long t0)
    {
        _usage = usage;
        _allocated = allocated;
        _gcs = gcs;
        _t0 = t0;
    }

    public static Probe Begin()
    {
        var usage = RUsage.Now();
        long allocated = GC.GetTotalAllocatedBytes(precise: false);
        int gcs = GC.CollectionCount(0);
        return new Probe(usage, allocated, gcs, Stopwatch.GetTimestamp());
    }

    /// <summary>The record; <see cref="Stamp"/> is the start time for a sending side, the end time for a receiving side.</summary>
    public long[] End(bool atStart)
    {
        long t1 = Stopwatch.GetTimestamp();
        var usage = RUsage.Now();
        var r = new long[Length];
        r[Stamp] = atStart ? _t0 : t1;
        r[Elapsed] = t1 - _t0;
        r[UserUs] = usage.UserUs - _usage.UserUs;
        r[SysUs] = usage.SysUs - _usage.SysUs;
        r[MinorFaults] = usage.MinFlt - _usage.MinFlt;
        r[VoluntarySwitches] = usage.Nvcsw - _usage.Nvcsw;
        r[InvoluntarySwitches] = usage.Nivcsw - _usage.Nivcsw;
        r[AllocatedBytes] = GC.GetTotalAllocatedBytes(precise: false) - _allocated;
        r[Gcs] = GC.CollectionCount(0) - _gcs;
        return r;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        // struct rusage on Linux x86-64/arm64: two timevals, then 14 longs.
        public long UtimeSec, UtimeUsec, StimeSec, StimeUsec;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, Nvcsw, Nivcsw;

        public readonly long UserUs => (UtimeSec * 1_000_000) + UtimeUsec;

        public readonly long SysUs => (StimeSec * 1_000_000) + StimeUsec;

        public static RUsage Now()
        {
            _ = getrusage(0, out var usage); // RUSAGE_SELF
            return usage;
        }
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int getrusage(int who, out RUsage usage);
}

internal static class Check
{
    public static void That(bool ok, string what)
    {
        if (!ok)
        {
            throw new InvalidOperationException($"Channels benchmark: wrong result ({what})");
        }
    }
}
