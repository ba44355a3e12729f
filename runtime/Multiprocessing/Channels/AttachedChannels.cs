namespace Multiprocessing.Channels;

/// <summary>
/// Channel ends this process received as target arguments. They are closed when the target returns (the child is
/// done with them, as its file descriptors would be in Python) so the other end sees the end of the stream, not a hang.
/// </summary>
internal static class AttachedChannels
{
    private static readonly List<IDisposable> s_attached = [];

    public static void Add(IDisposable channel)
    {
        lock (s_attached)
        {
            s_attached.Add(channel);
        }
    }

    /// <summary>Closes everything attached so far (after a target or a pool task returned).</summary>
    public static void CloseAll()
    {
        IDisposable[] attached;
        lock (s_attached)
        {
            if (s_attached.Count == 0)
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
