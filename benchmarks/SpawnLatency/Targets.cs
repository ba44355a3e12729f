using Multiprocessing;

namespace SpawnLatency;

/// <summary>The trivial targets whose spawn latency is measured.</summary>
public static partial class Trivial
{
    /// <summary>Returns its argument: Start + result + exit, nothing else.</summary>
    [ProcessTarget]
    public static int Noop(int x)
    {
        if (Probe.Enabled)
        {
            Probe.Mark(Probe.Target);
        }

        return x;
    }

    /// <summary>No argument, no result (Python's <c>Process(target=noop)</c>).</summary>
    [ProcessTarget]
    public static void Nothing()
    {
        if (Probe.Enabled)
        {
            Probe.Mark(Probe.Target);
        }
    }
}
