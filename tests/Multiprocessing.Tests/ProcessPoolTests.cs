using System.Diagnostics;

namespace Multiprocessing.Tests;

/// <summary>A real pool of worker processes of this test executable; every test is bounded in time.</summary>
[TestClass]
public sealed class ProcessPoolTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [TestMethod]
    public async Task MapAsync_returns_results_in_input_order()
    {
        await using var pool = new ProcessPool(2);
        var squares = await pool.MapAsync(PoolTargets.Targets.Square, Enumerable.Range(0, 10_000)).WaitAsync(Bound);
        CollectionAssert.AreEqual(Enumerable.Range(0, 10_000).Select(n => n * n).ToArray(), squares);
        Assert.AreEqual(0, (await pool.MapAsync(PoolTargets.Targets.Square, []).WaitAsync(Bound)).Length);
    }

    [TestMethod]
    public async Task Map_with_a_chunk_size_uses_every_worker()
    {
        await using var pool = new ProcessPool(2);
        var pids = await pool.MapAsync(PoolTargets.Targets.SlowSquare, Enumerable.Range(0, 8).Select(n => (n, 50)), new MapOptions { ChunkSize = 1 }).WaitAsync(Bound);
        CollectionAssert.AreEqual(Enumerable.Range(0, 8).Select(n => n * n).ToArray(), pids);
        var workers = await pool.MapAsync(PoolTargets.Targets.Pid, Enumerable.Range(0, 40), new MapOptions { ChunkSize = 1 }).WaitAsync(Bound);
        CollectionAssert.IsSubsetOf(workers.Distinct().ToArray(), pool.WorkerPids.ToArray());
        Assert.IsFalse(workers.Contains(Environment.ProcessId));
    }

    [TestMethod]
    public async Task StarMapAsync_spreads_tuples_over_parameters_and_void_targets_run()
    {
        await using var pool = new ProcessPool(2);
        var joined = await pool.StarMapAsync(PoolTargets.Targets.Join, [("a", 1), ("b", 2)]).WaitAsync(Bound);
        CollectionAssert.AreEqual(new[] { "a1", "b2" }, joined);
        Assert.AreEqual("c3", pool.Apply(PoolTargets.Targets.Join, ("c", 3)));

        var directory = Directory.CreateTempSubdirectory("mp-touch-");
        try
        {
            var paths = Enumerable.Range(0, 5).Select(n => Path.Combine(directory.FullName, $"{n}.txt")).ToArray();
            var nothing = await pool.MapAsync(PoolTargets.Targets.Touch, paths, new MapOptions { ChunkSize = 1 }).WaitAsync(Bound);
            Assert.AreEqual(5, nothing.Length);
            Assert.IsTrue(paths.All(File.Exists));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [TestMethod]
    public async Task ApplyAsync_calls_complete_independently()
    {
        await using var pool = new ProcessPool(2);
        var calls = Enumerable.Range(0, 200).Select(n => pool.ApplyAsync(PoolTargets.Targets.Square, n)).ToArray();
        var results = await Task.WhenAll(calls).WaitAsync(Bound);
        CollectionAssert.AreEqual(Enumerable.Range(0, 200).Select(n => n * n).ToArray(), results);
    }

    [TestMethod]
    public async Task Streaming_maps_yield_in_order_or_as_completed()
    {
        await using var pool = new ProcessPool(2);
        var ordered = new List<int>();
        await foreach (int square in pool.MapStreamAsync(PoolTargets.Targets.Square, Numbers(500)).WithCancellation(new CancellationTokenSource(Bound).Token))
        {
            ordered.Add(square);
        }

        CollectionAssert.AreEqual(Enumerable.Range(0, 500).Select(n => n * n).ToList(), ordered);

        var unordered = new List<int>();
        var slowFirst = Enumerable.Range(0, 6).Select(n => (n, n == 0 ? 400 : 10));
        await foreach (int square in pool.MapStreamAsync(PoolTargets.Targets.SlowSquare, slowFirst, new MapOptions { Ordered = false, ChunkSize = 1 }))
        {
            unordered.Add(square);
        }

        CollectionAssert.AreEquivalent(new[] { 0, 1, 4, 9, 16, 25 }, unordered);
        Assert.AreNotEqual(0, unordered[0], "the slow first item does not hold back the others");
    }

    [TestMethod]
    public async Task A_streaming_map_reads_an_infinite_input_lazily_and_stops_on_break()
    {
        await using var pool = new ProcessPool(2);
        int read = 0;
        IEnumerable<int> Infinite()
        {
            for (int n = 0; ; n++)
            {
                Interlocked.Increment(ref read);
                yield return n;
            }
        }

        int taken = 0;
        await foreach (int square in pool.MapStreamAsync(PoolTargets.Targets.Square, Infinite()).WithCancellation(new CancellationTokenSource(Bound).Token))
        {
            Assert.AreEqual(taken * taken, square);
            if (++taken == 100)
            {
                break;
            }
        }

        int readAtBreak = Volatile.Read(ref read);
        Assert.IsTrue(readAtBreak < 100_000, $"{readAtBreak} items read ahead: the input must be read lazily");
        await Task.Delay(200);
        Assert.AreEqual(readAtBreak, Volatile.Read(ref read), "reading stops after the loop ends");
        Assert.AreEqual(4, await pool.ApplyAsync(PoolTargets.Targets.Square, 2).WaitAsync(Bound), "the pool stays usable");
    }

    [TestMethod]
    public async Task A_failing_item_fails_the_map_with_its_remote_stack_or_only_itself()
    {
        await using var pool = new ProcessPool(2);
        var items = Enumerable.Range(0, 50).Select(n => (n, 17)).ToArray();
        var error = await Assert.ThrowsExactlyAsync<ProcessTargetException>(() => pool.MapAsync(PoolTargets.Targets.FailOn, items).WaitAsync(Bound));
        Assert.AreEqual(17, error.Item);
        Assert.AreEqual("System.ArgumentException", error.RemoteType);
        Assert.AreEqual("item 17 is bad", error.RemoteMessage);
        StringAssert.Contains(error.RemoteStackTrace, nameof(PoolTargets.FailOn));
        CollectionAssert.Contains(pool.WorkerPids.ToArray(), error.Pid);

        var outcomes = await Collect(pool.MapOutcomesAsync(PoolTargets.Targets.FailOn, items));
        Assert.AreEqual(50, outcomes.Count);
        Assert.AreEqual(17, outcomes.Single(o => !o.Succeeded).Index);
        CollectionAssert.AreEqual(Enumerable.Range(0, 50).Where(n => n != 17).ToArray(), outcomes.Where(o => o.Succeeded).Select(o => o.Value).ToArray());
    }

    [TestMethod]
    public async Task A_worker_killed_mid_map_fails_only_what_it_held_and_is_replaced()
    {
        await using var pool = new ProcessPool(2);
        var before = pool.WorkerPids;
        var items = Enumerable.Range(0, 40).Select(n => (n, 13, (string?)null));
        var outcomes = await Collect(pool.MapOutcomesAsync(PoolTargets.Targets.KillWorkerOn, items, new MapOptions { ChunkSize = 1 }));
        var failed = outcomes.Where(o => !o.Succeeded).ToList();
        Assert.AreEqual(1, failed.Count, "only the item the worker held fails");
        Assert.AreEqual(13, failed[0].Index);
        var crash = failed[0].Error as ChildProcessCrashedException;
        Assert.IsNotNull(crash, failed[0].Error?.ToString());
        Assert.AreEqual(9, crash.Signal);
        StringAssert.Contains(crash.Message, "item 13");
        StringAssert.Contains(crash.Message, "KillWorkerOn");
        Assert.AreEqual(39, outcomes.Count(o => o.Succeeded));

        Assert.AreEqual(9, await pool.ApplyAsync(PoolTargets.Targets.Square, 3).WaitAsync(Bound), "the pool stays usable");
        Assert.AreEqual(2, pool.WorkerPids.Count);
        Assert.AreNotEqual(before.Order().First(), pool.WorkerPids.Order().First() == before.Order().First() ? pool.WorkerPids.Order().Last() : pool.WorkerPids.Order().First());
    }

    [TestMethod]
    public async Task A_task_whose_worker_died_is_retried_when_asked()
    {
        string marker = Path.Combine(Path.GetTempPath(), $"mp-once-{Guid.NewGuid():N}");
        try
        {
            await using var pool = new ProcessPool(2, new ProcessPoolOptions { RetriesAfterWorkerCrash = 1 });
            var items = Enumerable.Range(0, 20).Select(n => (n, 7, (string?)marker));
            var results = await pool.MapAsync(PoolTargets.Targets.KillWorkerOn, items, new MapOptions { ChunkSize = 2 }).WaitAsync(Bound);
            CollectionAssert.AreEqual(Enumerable.Range(0, 20).ToArray(), results);
            Assert.IsTrue(File.Exists(marker), "a worker did die on item 7");
        }
        finally
        {
            File.Delete(marker);
        }
    }

    [TestMethod]
    public async Task The_initializer_runs_in_every_worker_and_a_failing_one_fails_the_pool()
    {
        await using (var pool = new ProcessPool(2, new ProcessPoolOptions { Initializer = PoolInitializer.Create(PoolTargets.Targets.Initialize, "ready") }))
        {
            var seen = await pool.MapAsync(PoolTargets.Targets.InitializedWith, Enumerable.Range(0, 20), new MapOptions { ChunkSize = 1 }).WaitAsync(Bound);
            Assert.IsTrue(seen.All(value => value == "ready"));
        }

        await using var failing = new ProcessPool(2, new ProcessPoolOptions { Initializer = PoolInitializer.Create(PoolTargets.Targets.FailingInitializer, default) });
        var error = await Assert.ThrowsExactlyAsync<ChildProcessStartException>(() => failing.ApplyAsync(PoolTargets.Targets.Square, 2).WaitAsync(Bound));
        StringAssert.Contains(error.Message, "PoolTargets.FailingInitializer");
        StringAssert.Contains(error.Message, "initializer refuses");
        await WaitFor(() => failing.WorkerPids.Count == 0, "the workers are gone");
        await Task.Delay(300);
        Assert.AreEqual(0, failing.WorkerPids.Count, "no endless respawning after the initializer failed");
        Assert.ThrowsExactly<ChildProcessStartException>(() => failing.ApplyAsync(PoolTargets.Targets.Square, 3));
    }

    [TestMethod]
    public async Task A_pool_whose_workers_run_another_build_fails_at_once_with_a_clear_message()
    {
        var own = BuildIdentity.Expected;
        BuildIdentity.Expected = Guid.NewGuid();
        try
        {
            await using var pool = new ProcessPool(2);
            var error = await Assert.ThrowsExactlyAsync<ChildProcessStartException>(() => pool.ApplyAsync(PoolTargets.Targets.Square, 2).WaitAsync(Bound));
            StringAssert.Contains(error.Message, "different build");
            await WaitFor(() => pool.WorkerPids.Count == 0, "the workers are gone");
            await Task.Delay(300);
            Assert.AreEqual(0, pool.WorkerPids.Count, "no endless respawning of refused workers");
        }
        finally
        {
            BuildIdentity.Expected = own;
        }
    }

    [TestMethod]
    public async Task Workers_are_replaced_after_max_tasks()
    {
        await using var pool = new ProcessPool(2, new ProcessPoolOptions { MaxTasksPerWorker = 2 });
        var pids = await pool.MapAsync(PoolTargets.Targets.Pid, Enumerable.Range(0, 12), new MapOptions { ChunkSize = 1 }).WaitAsync(Bound);
        Assert.IsTrue(pids.Distinct().Count() >= 6, $"12 tasks, 2 per worker, but only {pids.Distinct().Count()} workers");
        Assert.IsTrue(pids.GroupBy(pid => pid).All(g => g.Count() <= 2));
    }

    [TestMethod]
    public async Task Cancellation_reaches_the_target_in_the_worker_and_in_a_child()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mp-cancel-{Guid.NewGuid():N}");
        try
        {
            await using var pool = new ProcessPool(1);
            using var cancel = new CancellationTokenSource();
            var call = pool.ApplyAsync(PoolTargets.Targets.AwaitCancellation, path, cancel.Token);
            await Task.Delay(300);
            cancel.Cancel();
            await Assert.ThrowsAsync<OperationCanceledException>(() => call);
            await WaitFor(() => File.Exists(path), "the worker's token was cancelled");
            Assert.AreEqual(25, await pool.ApplyAsync(PoolTargets.Targets.Square, 5).WaitAsync(Bound), "the worker is free again");

            File.Delete(path);
            using var cancelChild = new CancellationTokenSource();
            using var child = PoolTargets.Targets.AwaitCancellation.Start(path, cancelChild.Token);
            await Task.Delay(300);
            cancelChild.Cancel();
            Assert.IsTrue(await AwaitResult(child));
            Assert.IsTrue(File.Exists(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public async Task A_task_over_its_timeout_is_cancelled_then_its_worker_killed_and_replaced()
    {
        await using var pool = new ProcessPool(1, new ProcessPoolOptions { TaskTimeout = TimeSpan.FromMilliseconds(300), TimeoutGracePeriod = TimeSpan.FromMilliseconds(200) });
        int before = pool.WorkerPids.Single();
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsExactlyAsync<TimeoutException>(() => pool.ApplyAsync(PoolTargets.Targets.IgnoreCancellation, 30_000).WaitAsync(Bound));
        Assert.IsTrue(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        StringAssert.Contains(error.Message, "IgnoreCancellation");
        Assert.AreEqual(16, await pool.ApplyAsync(PoolTargets.Targets.Square, 4).WaitAsync(Bound));
        Assert.AreNotEqual(before, pool.WorkerPids.Single());
    }

    [TestMethod]
    public async Task Progress_reports_completed_of_total()
    {
        await using var pool = new ProcessPool(2);
        var reports = new List<MapProgress>();
        var progress = new SynchronousProgress(reports);
        await pool.MapAsync(PoolTargets.Targets.Square, Enumerable.Range(0, 100), new MapOptions { ChunkSize = 10, Progress = progress }).WaitAsync(Bound);
        Assert.AreEqual(new MapProgress(100, 100), reports.MaxBy(r => r.Completed));
        Assert.AreEqual(10, reports.Count);
    }

    [TestMethod]
    public async Task Nested_pools_work_up_to_the_depth_guard()
    {
        await using var pool = new ProcessPool(1);
        Assert.AreEqual(14, await pool.ApplyAsync(PoolTargets.Targets.NestedSumOfSquares, (3, 2)).WaitAsync(Bound));
        var error = await Assert.ThrowsExactlyAsync<ProcessTargetException>(() => pool.ApplyAsync(PoolTargets.Targets.NestedSumOfSquares, (3, 1)).WaitAsync(Bound));
        Assert.AreEqual("System.InvalidOperationException", error.RemoteType);
        StringAssert.Contains(error.RemoteMessage, "MaxNestingDepth");
    }

    [TestMethod]
    public async Task Close_then_join_finishes_the_work_and_the_workers()
    {
        var pool = new ProcessPool(2);
        var pids = pool.WorkerPids;
        var work = pool.MapAsync(PoolTargets.Targets.SlowSquare, Enumerable.Range(0, 6).Select(n => (n, 50)), new MapOptions { ChunkSize = 1 });
        pool.Close();
        Assert.ThrowsExactly<InvalidOperationException>(() => pool.ApplyAsync(PoolTargets.Targets.Square, 1));
        await pool.JoinAsync().WaitAsync(Bound);
        CollectionAssert.AreEqual(new[] { 0, 1, 4, 9, 16, 25 }, await work);
        Assert.IsTrue(pids.All(pid => !IsRunning(pid)));
        await pool.DisposeAsync();
    }

    [TestMethod]
    public async Task Terminate_and_dispose_leave_nothing_running()
    {
        var pool = new ProcessPool(2);
        var pids = pool.WorkerPids;
        var work = pool.MapAsync(PoolTargets.Targets.SlowSquare, Enumerable.Range(0, 20).Select(n => (n, 5_000)), new MapOptions { ChunkSize = 1 });
        await Task.Delay(300);
        var watch = Stopwatch.StartNew();
        await pool.DisposeAsync();
        Assert.IsTrue(watch.Elapsed < TimeSpan.FromSeconds(10), $"dispose took {watch.Elapsed}");
        await Assert.ThrowsAsync<Exception>(() => work.WaitAsync(Bound));
        Assert.IsTrue(pids.All(pid => !IsRunning(pid)), "no worker outlives the pool");
        Assert.ThrowsExactly<ObjectDisposedException>(() => pool.ApplyAsync(PoolTargets.Targets.Square, 1));
    }

    [TestMethod]
    public async Task Workers_task_and_result_logs_go_with_their_worker_and_the_pool()
    {
        var pool = new ProcessPool(2, new ProcessPoolOptions { MaxTasksPerWorker = 4 });
        var first = pool.WorkerLogNames;
        Assert.AreEqual(4, first.Length);
        Assert.IsTrue(first.All(name => name.StartsWith($"mp-{Environment.ProcessId}-", StringComparison.Ordinal)), "named after the parent");
        Assert.IsTrue(first.All(name => ChannelFiles.FilesOf(name).Length > 0));

        // recycled workers (they retire after 4 tasks) and a killed one leave no logs behind
        var squares = await pool.MapAsync(PoolTargets.Targets.Square, Enumerable.Range(0, 16), new MapOptions { ChunkSize = 1 }).WaitAsync(Bound);
        CollectionAssert.AreEqual(Enumerable.Range(0, 16).Select(n => n * n).ToArray(), squares);
        await WaitFor(() => first.All(name => ChannelFiles.FilesOf(name).Length == 0), "the recycled workers' logs are removed");
        var victimLogs = pool.WorkerLogNames;
        int victim = await KillAWorker(pool);
        await WaitFor(() => !pool.WorkerPids.Contains(victim) && pool.WorkerPids.Count == 2, "the killed worker is replaced");
        Assert.AreEqual(9, await pool.ApplyAsync(PoolTargets.Targets.Square, 3).WaitAsync(Bound));
        var last = pool.WorkerLogNames;
        await pool.DisposeAsync();
        Assert.IsTrue(victimLogs.Concat(last).All(name => ChannelFiles.FilesOf(name).Length == 0), "every log is removed with its worker and the pool");
    }

    private static async IAsyncEnumerable<int> Numbers(int count)
    {
        for (int n = 0; n < count; n++)
        {
            await Task.Yield();
            yield return n;
        }
    }

    private static async Task<List<T>> Collect<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items.WithCancellation(new CancellationTokenSource(Bound).Token))
        {
            list.Add(item);
        }

        return list;
    }

    private static async Task<T> AwaitResult<T>(ChildProcess<T> child) => await child;

    private static async Task WaitFor(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.IsTrue(watch.Elapsed < TimeSpan.FromSeconds(10), $"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }

    private static bool IsRunning(int pid) => Processes.IsRunning(pid);

    // A worker may be retiring (recycled) just as we pick it: then pick a live one again.
    private static async Task<int> KillAWorker(ProcessPool pool)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            int pid = pool.WorkerPids[0];
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
                return pid;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                Assert.IsTrue(watch.Elapsed < TimeSpan.FromSeconds(10), $"no live worker to kill: {e.Message}");
                await Task.Delay(20);
            }
        }
    }

    private sealed class SynchronousProgress(List<MapProgress> reports) : IProgress<MapProgress>
    {
        public void Report(MapProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
