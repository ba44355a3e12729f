using Multiprocessing;

namespace PoolMap;

/// <summary>The seed's process_pool_map.py: four workers square 1..10; map blocks until every result is back.</summary>
public static class Demo
{
    public static async Task RunAsync()
    {
        int[] numbers = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

        await using var pool = new ProcessPool(workers: 4);
        Console.WriteLine("Computing with a pool of 4 worker processes...");
        var progress = new ProgressBar(numbers.Length);
        int[] results = await pool.MapAsync(Squares.Targets.Square, numbers, new MapOptions { ChunkSize = 1, Progress = progress });

        Console.WriteLine();
        Console.WriteLine("All computations done!");
        Console.WriteLine($"Results: [{string.Join(", ", results)}]");
    }

    /// <summary>Prints a bar each time more items are done (called on the pool's threads: keep it short).</summary>
    private sealed class ProgressBar(int total) : IProgress<MapProgress>
    {
        private readonly Lock _gate = new();
        private int _shown;

        public void Report(MapProgress value)
        {
            lock (_gate)
            {
                if (value.Completed <= _shown)
                {
                    return;
                }

                _shown = value.Completed;
                int filled = 20 * value.Completed / total;
                Console.WriteLine($"[{new string('#', filled)}{new string('.', 20 - filled)}] {value.Completed}/{total}");
            }
        }
    }
}
