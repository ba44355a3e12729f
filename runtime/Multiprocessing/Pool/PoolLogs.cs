using System.Diagnostics;
using System.Runtime.CompilerServices;
using Multiprocessing.Channels;

namespace Multiprocessing.Pool;

/// <summary>What the parent and a worker share about the worker's task and result logs.</summary>
internal static class PoolLogs
{
    /// <summary>Small segments: a pool's messages are small, and the pages the logs touch count in every worker's memory.</summary>
    public const int SegmentSize = 256 << 10;

    public const long TaskLogType = 0x7473_6B73_6154_6C50; // "PlTasks"
    public const long ResultLogType = 0x746C_7573_6552_6C50; // "PlResult"

    /// <summary>How long a waiting side spins (yielding its core between checks) before it sleeps on the futex, in µs.</summary>
    internal static readonly int SpinMicroseconds = int.TryParse(Environment.GetEnvironmentVariable("MP_POOL_SPIN_US"), out int us) ? us : 50;

    /// <summary>
    /// Waits for a message on <paramref name="log"/> (or its completion): spins briefly, since the peer usually answers
    /// within microseconds, giving the core away between checks so that on a busy machine with few cores the peer we
    /// wait for can run (a pure spin there costs whole scheduler time slices), then sleeps on the futex.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WaitForMessage(MessageLog log)
    {
        long deadline = Stopwatch.GetTimestamp() + (SpinMicroseconds * Stopwatch.Frequency / 1_000_000);
        for (int i = 1; ; i++)
        {
            if (log.Count > 0 || log.IsCompleted)
            {
                return;
            }

            if ((i & 15) == 0)
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    break;
                }

                Thread.Yield();
            }
            else
            {
                Thread.SpinWait(4);
            }
        }

        log.WaitForData(-1, CancellationToken.None, spinIterations: 0);
    }
}
