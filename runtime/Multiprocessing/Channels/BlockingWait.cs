namespace Multiprocessing.Channels;

/// <summary>
/// Runs a blocking cross-process wait (a futex sleep) for an async caller on a dedicated thread, never on a
/// thread-pool thread: a machine with two cores has two pool threads, and two blocked readers would starve it.
/// Only the slow path gets here; callers try without waiting first.
/// </summary>
internal static class BlockingWait
{
    public static Task<bool> RunAsync(Func<bool> wait, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(wait, cancellationToken, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
}
