namespace Multiprocessing.Tests;

/// <summary>Targets the pool tests run in worker processes.</summary>
public static partial class PoolTargets
{
    private static string s_initializedWith = "";

    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static int Pid(int item) => Environment.ProcessId;

    [ProcessTarget]
    public static string Join(string left, int right) => $"{left}{right}";

    [ProcessTarget]
    public static void Touch(string path) => File.WriteAllText(path, "x");

    [ProcessTarget]
    public static int SlowSquare(int n, int milliseconds)
    {
        Thread.Sleep(milliseconds);
        return n * n;
    }

    [ProcessTarget]
    public static int FailOn(int n, int failing) => n == failing ? throw new ArgumentException($"item {n} is bad") : n;

    /// <summary>Kills its own worker (SIGKILL) on one item; with a marker file, only the first time.</summary>
    [ProcessTarget]
    public static int KillWorkerOn(int n, int fatal, string? onceMarker)
    {
        if (n == fatal && (onceMarker is null || !File.Exists(onceMarker)))
        {
            if (onceMarker is not null)
            {
                File.WriteAllText(onceMarker, "killed once");
            }

            System.Diagnostics.Process.GetCurrentProcess().Kill();
            Thread.Sleep(Timeout.Infinite);
        }

        return n;
    }

    [ProcessTarget]
    public static void Initialize(string value) => s_initializedWith = value;

    [ProcessTarget]
    public static void FailingInitializer() => throw new InvalidOperationException("initializer refuses");

    [ProcessTarget]
    public static string InitializedWith(int item) => s_initializedWith;

    /// <summary>Waits for its token; writes the file once the parent's cancellation has reached this process.</summary>
    [ProcessTarget]
    public static async Task<bool> AwaitCancellation(string path, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(5), cancellationToken);
            return false;
        }
        catch (OperationCanceledException)
        {
            File.WriteAllText(path, "cancelled");
            return true;
        }
    }

    [ProcessTarget]
    public static void IgnoreCancellation(int milliseconds) => Thread.Sleep(milliseconds);

    [ProcessTarget]
    public static async Task<int> NestedSumOfSquares(int upTo, int maxDepth)
    {
        await using var pool = new ProcessPool(2, new ProcessPoolOptions { MaxNestingDepth = maxDepth });
        return (await pool.MapAsync(Targets.Square, Enumerable.Range(1, upTo))).Sum();
    }
}
