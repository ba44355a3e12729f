namespace Multiprocessing.Channels;

/// <summary>A channel end that another process takes over once it attaches (a pipe end passed to a target).</summary>
internal interface IHandedOff
{
    /// <summary>The process it was handed to exited; if it never attached, its peer must not wait for it forever.</summary>
    void AbandonedBy(int pid);
}

/// <summary>
/// The ends serialized into the arguments being written on this thread, so that the child started with those arguments
/// can answer for them: a child that dies before it attaches an end (killed during start-up) would otherwise leave the
/// other end waiting on a handover that never comes.
/// </summary>
internal static class Handoffs
{
    [ThreadStatic]
    private static List<IHandedOff>? t_pending;

    // Whether any end was ever handed off: until then no thread-static is touched (a child's first costs it a JIT).
    private static bool s_used;

    /// <summary>A new set of arguments is being written on this thread.</summary>
    public static void Begin()
    {
        if (Volatile.Read(ref s_used))
        {
            t_pending?.Clear();
        }
    }

    public static void Add(IHandedOff end)
    {
        Volatile.Write(ref s_used, true);
        (t_pending ??= []).Add(end);
    }

    /// <summary>The ends the arguments just written carry (they go to the child about to start), or null.</summary>
    public static IHandedOff[]? Take()
    {
        if (!Volatile.Read(ref s_used) || t_pending is not { Count: > 0 } pending)
        {
            return null;
        }

        IHandedOff[] ends = [.. pending];
        pending.Clear();
        return ends;
    }
}
