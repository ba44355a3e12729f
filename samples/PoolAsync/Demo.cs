using Multiprocessing;

namespace PoolAsync;

/// <summary>The seed's process_pool_async.py: submit five tasks at once, keep working, then collect the results in order.</summary>
public static class Demo
{
    public static async Task RunAsync()
    {
        int[] numbers = [1, 2, 3, 4, 5];

        await using var pool = new ProcessPool(workers: 3);
        Console.WriteLine("Submitting tasks asynchronously...");
        // ApplyAsync returns at once, like apply_async: the tasks run while the main process goes on
        Task<int>[] pending = numbers.Select(n => pool.ApplyAsync(Squares.Targets.Square, n)).ToArray();

        Console.WriteLine("Tasks submitted; the main process can do other work.");
        await Task.Delay(TimeSpan.FromSeconds(1));

        Console.WriteLine();
        Console.WriteLine("Collecting results...");
        var results = new List<int>();
        foreach (var task in pending)
        {
            results.Add(await task); // waits for this task only, like AsyncResult.get()
        }

        Console.WriteLine();
        Console.WriteLine("All computations done!");
        Console.WriteLine($"Results: [{string.Join(", ", results)}]");
    }
}
