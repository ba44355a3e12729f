using System.Diagnostics;
using System.Globalization;
using System.Text;
using Multiprocessing;
using static BenchResults;

namespace ChannelsBench;

/// <summary>
/// The figures of the anchors' py_queue.py and py_pipe.py for <see cref="ProcessQueue{T}"/> and
/// <see cref="ProcessPipe"/>, with the same sizes and definitions, both sides in children of this process (which only
/// starts them and collects what they measured). Each repetition starts a fresh pair of children, as the anchors do.
/// </summary>
public static class Bench
{
    private const string Cmd = "benchmarks/run-channels.sh";
    private static readonly string[] AllFigures = ["queue_small", "queue_64k", "pingpong", "pipe_stream"];
    private static readonly TimeSpan RepTimeout = TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["measure", ..])
        {
            Console.Error.WriteLine("usage: Channels measure [--reps=5] [--variant=NAME] [--nsmall=1000000] [--nbig=10000] [--npp=100000] [--nblk=2048] [--only=queue_small,queue_64k,pingpong,pipe_stream] [--stream-modes=typed,bytes,into]");
            return 2;
        }

        int reps = IntOption(args, "reps", 5);
        int nSmall = IntOption(args, "nsmall", 1_000_000);
        int nBig = IntOption(args, "nbig", 10_000);
        int nPingPong = IntOption(args, "npp", 100_000);
        int nBlocks = IntOption(args, "nblk", 2048);
        string variant = Variant(args);
        var only = ListOption(args, "only", string.Join(',', AllFigures));
        var streamModes = ListOption(args, "stream-modes", "typed,bytes,into");
        var unknown = only.Except(AllFigures).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"Channels: unknown figure(s) {string.Join(", ", unknown)}; known: {string.Join(", ", AllFigures)}");
            return 2;
        }

        if (only.Contains("queue_small"))
        {
            // 10 000 untimed items first in each child (~1 % of the run): first-call costs (type loading, MemoryPack's
            // formatter look-up, the first segment's page faults) stay out of a steady-state figure.
            await PairFigureAsync("mp.queue.small_int", variant, "msgs/s", reps, nSmall, nSmall,
                (barrier) =>
                {
                    var queue = new ProcessQueue<int>();
                    return (queue,
                        QueueSides.Targets.ProduceInts.Start(queue, barrier, nSmall, 10_000),
                        QueueSides.Targets.ConsumeInts.Start(queue, barrier, nSmall, 10_000));
                },
                s => nSmall / s,
                $"{nSmall} ints, ProcessQueue<int>.Write -> Read, producer and consumer in two children (10 000 untimed items first)");
        }

        if (only.Contains("queue_64k"))
        {
            const int Size = 64 * 1024;
            var perRep = await PairFigureAsync("mp.queue.64KiB", variant, "msgs/s", reps, nBig, nBig,
                (barrier) =>
                {
                    var queue = new ProcessQueue<byte[]>();
                    return (queue,
                        QueueSides.Targets.ProduceBytes.Start(queue, barrier, nBig, Size, 16),
                        QueueSides.Targets.ConsumeBytes.Start(queue, barrier, nBig, Size, 16));
                },
                s => nBig / s,
                $"{nBig} x 64 KiB byte[], ProcessQueue<byte[]>.Write -> Read (a new array per item), two children (16 untimed items first)");
            Emit("mp.queue.64KiB.MBps", variant, "MB/s", [.. perRep.Select(s => (double)nBig * Size / s / 1e6)], higherIsBetter: true,
                $"{nBig} x 64 KiB byte[] (same runs as msgs/s)");
        }

        if (only.Contains("pingpong"))
        {
            await PingPongAsync(variant, reps, nPingPong);
        }

        if (only.Contains("pipe_stream"))
        {
            const int Block = 1 << 20;
            foreach (var (mode, key, metric, how) in new[]
            {
                (PipeSides.Typed, "typed", "mp.pipe.send_1MiB.receive", "PipeConnection<byte[]>.Send(block) -> Receive() (a new byte[] each)"),
                (PipeSides.RawToArray, "bytes", "mp.pipe.send_bytes_1MiB", "SendBytes(block) -> ReceiveBytes() (a new byte[] each)"),
                (PipeSides.RawInto, "into", "mp.pipe.send_bytes_1MiB.into", "SendBytes(block) -> ReceiveBytesInto(one reused 1 MiB buffer)"),
            })
            {
                if (!streamModes.Contains(key))
                {
                    continue;
                }

                await PairFigureAsync(metric, variant, "GB/s", reps, nBlocks, nBlocks,
                    (barrier) =>
                    {
                        var (a, b) = ProcessPipe.Create<byte[]>();
                        var sender = PipeSides.Targets.SendBlocks.Start(a, barrier, nBlocks, Block, mode, 4);
                        var receiver = PipeSides.Targets.ReceiveBlocks.Start(b, barrier, nBlocks, Block, mode, 4);
                        return (new Both(a, b), sender, receiver);
                    },
                    s => (double)nBlocks * Block / s / 1e9,
                    $"{nBlocks} x 1 MiB one way, {how}, two children (4 untimed blocks first)");
            }
        }

        return 0;
    }

    /// <summary>
    /// One figure: per repetition a fresh channel, barrier and pair of children (sender, receiver); the time is the
    /// receiver's end stamp minus the sender's start stamp (both after the barrier). Returns the seconds per repetition.
    /// </summary>
    private static async Task<List<double>> PairFigureAsync(string metric, string variant, string unit, int reps, int sentPerRep, int receivedPerRep,
        Func<ProcessBarrier, (IDisposable Channel, ChildProcess<long[]> Sender, ChildProcess<long[]> Receiver)> start,
        Func<double, double> figure, string note)
    {
        var seconds = new List<double>();
        var senders = new List<long[]>();
        var receivers = new List<long[]>();
        for (int r = 0; r < reps; r++)
        {
            using var barrier = new ProcessBarrier(2);
            var (channel, sender, receiver) = start(barrier);
            using (channel)
            using (sender)
            using (receiver)
            {
                var (s, rcv) = await BothAsync(metric, sender, receiver);
                seconds.Add((rcv[Probe.Stamp] - s[Probe.Stamp]) / (double)Stopwatch.Frequency);
                senders.Add(s);
                receivers.Add(rcv);
            }
        }

        Emit(metric, variant, unit, [.. seconds.Select(figure)], higherIsBetter: unit != "us/rt", note,
            [.. Usage("sender", senders, sentPerRep), .. Usage("receiver", receivers, receivedPerRep)]);
        return seconds;
    }

    private static async Task PingPongAsync(string variant, int reps, int n)
    {
        const int Warmup = 100; // as py_pipe.py
        var values = new List<double>();
        var pings = new List<long[]>();
        var pongs = new List<long[]>();
        for (int r = 0; r < reps; r++)
        {
            var (a, b) = ProcessPipe.Create<int>();
            using (new Both(a, b))
            using (var pong = PipeSides.Targets.Pong.Start(b, n + Warmup))
            using (var ping = PipeSides.Targets.Ping.Start(a, n, Warmup))
            {
                var (pi, po) = await BothAsync("mp.pipe.pingpong", ping, pong);
                values.Add(pi[Probe.Elapsed] / (double)Stopwatch.Frequency * 1e6 / n);
                pings.Add(pi);
                pongs.Add(po);
            }
        }

        Emit("mp.pipe.pingpong", variant, "us/rt", values, higherIsBetter: false,
            $"{n} Send(i)/Receive() round trips of PipeConnection<int>, timed in the pinging child, the echo in another child ({Warmup} untimed first, as py_pipe.py)",
            [.. Usage("ping", pings, n), .. Usage("pong", pongs, n)]);
    }

    private static async Task<(long[] First, long[] Second)> BothAsync(string what, ChildProcess<long[]> first, ChildProcess<long[]> second)
    {
        var a = AwaitResult(first);
        var b = AwaitResult(second);
        try
        {
            await Task.WhenAll(a, b).WaitAsync(RepTimeout);
        }
        catch (TimeoutException)
        {
            first.Kill();
            second.Kill();
            throw new TimeoutException($"{what}: the children did not finish within {RepTimeout.TotalSeconds} s (killed)");
        }

        return (await a, await b);
    }

    private static async Task<long[]> AwaitResult(ChildProcess<long[]> child) => await child;

    /// <summary>Medians over the repetitions of one side's resource use per message (or per round trip).</summary>
    private static IEnumerable<(string Key, double Value)> Usage(string side, List<long[]> records, int perRep)
    {
        double Per(int index) => Median(records.Select(r => r[index] / (double)perRep));
        double elapsedUs = Median(records.Select(r => r[Probe.Elapsed] / (double)Stopwatch.Frequency * 1e6));
        yield return ($"{side}_wall_ms", elapsedUs / 1000);
        yield return ($"{side}_user_us_per_msg", Per(Probe.UserUs));
        yield return ($"{side}_sys_us_per_msg", Per(Probe.SysUs));
        yield return ($"{side}_cpu_share", Median(records.Select(r => (r[Probe.UserUs] + r[Probe.SysUs]) / (r[Probe.Elapsed] / (double)Stopwatch.Frequency * 1e6))));
        yield return ($"{side}_minflt_per_msg", Per(Probe.MinorFaults));
        yield return ($"{side}_vcsw_per_msg", Per(Probe.VoluntarySwitches));
        yield return ($"{side}_ivcsw_per_msg", Per(Probe.InvoluntarySwitches));
        yield return ($"{side}_alloc_bytes_per_msg", Per(Probe.AllocatedBytes));
        yield return ($"{side}_gc0", Median(records.Select(r => (double)r[Probe.Gcs])));
    }

    /// <summary>Disposes two pipe ends (the parent's copies: the children own them once started).</summary>
    private sealed class Both(IDisposable a, IDisposable b) : IDisposable
    {
        public void Dispose()
        {
            a.Dispose();
            b.Dispose();
        }
    }

    private static void Emit(string metric, string variant, string unit, List<double> v, bool higherIsBetter, string note, params (string Key, double Value)[] extra) =>
        BenchResults.Emit(Cmd, metric, variant, unit, v, higherIsBetter, note, extra);
}
