namespace Multiprocessing.Channels;

/// <summary>
/// Channel ends this process received as target arguments. They are closed when the target returns (the child is
/// done with them, as its file descriptors would be in Python) so the other end sees the end of the stream, not a hang.
/// </summary>
internal static class AttachedChannels
{
    private static readonly Lock s_lock = new();
    private static List<IDisposable>? s_attached; // created by the first Add: most targets receive no channel

    public static void Add(IDisposable channel)
    {
        lock (s_lock)
        {
            (s_attached ??= []).Add(channel);
        }
    }

    /// <summary>Closes everything attached so far (after a target or a pool task returned).</summary>
    public static void CloseAll()
    {
        IDisposable[] attached;
        if (Volatile.Read(ref s_attached) is null)
        {
            return;
        }

        lock (s_lock)
        {
            if (s_attached!.Count == 0)
            {
                return;
            }

            attached = [.. s_attached];
            s_attached.Clear();
        }

        foreach (var channel in attached)
        {
            channel.Dispose();
        }
    }
}
