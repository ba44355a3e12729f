using System.Diagnostics;

namespace Multiprocessing.Tests;

/// <summary><see cref="SharedArray{T}"/> and <see cref="SharedValue{T}"/> in this process and through real children.</summary>
[TestClass]
public sealed class SharedMemoryTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [TestMethod]
    public async Task A_child_reads_what_the_parent_wrote_and_its_writes_come_back()
    {
        using var array = new SharedArray<int>([1, 2, 3, 4, 5]);
        long sum = await SharedTargets.Targets.SumAndDouble.Start(array).Bounded();
        Assert.AreEqual(15, sum);
        CollectionAssert.AreEqual(new[] { 2, 4, 6, 8, 10 }, array.AsSpan().ToArray());
    }

    [TestMethod]
    public async Task A_large_generic_array_crosses_by_name_not_by_copy()
    {
        using var array = new SharedArray<int>(4 * 1024 * 1024);
        long expected = Fill(array.Span);
        Assert.AreEqual(expected, await SharedTargets.Targets.SumAndDouble.Start(array).Bounded());
        Assert.AreEqual(2 * 999, array[999]);
        Assert.AreEqual(2 * ((array.Length - 1) % 1000), array[array.Length - 1]);

        static long Fill(Span<int> span)
        {
            long sum = 0;
            for (int i = 0; i < span.Length; i++)
            {
                sum += span[i] = i % 1000;
            }

            return sum;
        }
    }

    [TestMethod]
    public async Task A_child_reads_and_replaces_a_shared_value()
    {
        using var value = new SharedValue<double>(1.5);
        Assert.AreEqual(1.5, await SharedTargets.Targets.Exchange.Start(value, 2.25).Bounded());
        Assert.AreEqual(2.25, value.Value);
        value.Value = -1;
        Assert.AreEqual(-1.0, await SharedTargets.Targets.Exchange.Start(value, 0).Bounded());
        Assert.AreEqual(0.0, value.Value);
    }

    [TestMethod]
    public async Task Two_children_incrementing_under_the_value_lock_lose_no_update()
    {
        using var counter = new SharedValue<long>();
        using var first = SharedTargets.Targets.Increment.Start(counter, 10_000);
        using var second = SharedTargets.Targets.Increment.Start(counter, 10_000);
        await first.Bounded();
        await second.Bounded();
        Assert.AreEqual(20_000, counter.Value);
    }

    [TestMethod]
    public async Task The_value_lock_passed_on_its_own_is_the_same_lock()
    {
        using var counter = new SharedValue<long>();
        using var first = SharedTargets.Targets.IncrementWith.Start(counter, counter.Lock, 5_000);
        using var second = SharedTargets.Targets.Increment.Start(counter, 5_000);
        for (int i = 0; i < 5_000; i++)
        {
            using (counter.Lock.Hold())
            {
                counter.Value++;
            }
        }

        await first.Bounded();
        await second.Bounded();
        Assert.AreEqual(15_000, counter.Value);
        Assert.IsFalse(counter.Lock.IsHeld);
    }

    [TestMethod]
    public void Spans_indexers_and_other_attachments_see_the_same_memory()
    {
        using var array = new SharedArray<long>(16);
        Assert.AreEqual(16, array.Length);
        CollectionAssert.AreEqual(new long[16], array.AsSpan().ToArray(), "a new array is zero-filled");
        array.Span[3] = 7;
        array[4] = 8;
        using var other = SharedArray<long>.Open(array.Name);
        Assert.AreEqual(16, other.Length);
        Assert.AreEqual(7, other[3]);
        Assert.AreEqual(8, other.AsSpan()[4]);
        other[5] = 9;
        Assert.AreEqual(9, array[5]);
        using (var third = SharedArray<long>.Open(array.Name))
        {
            other.Dispose(); // the attachments share one mapping: it stays while one of them uses it
            Assert.ThrowsExactly<ObjectDisposedException>(() => other[0]);
            Assert.AreEqual(9, third[5]);
            other.Dispose();
        }

        Assert.AreEqual(9, array[5]);
        Assert.ThrowsExactly<IndexOutOfRangeException>(() => array[16]);
        Assert.ThrowsExactly<IndexOutOfRangeException>(() => array[-1]);

        using var value = new SharedValue<int>(5);
        using var sameValue = SharedValue<int>.Open(value.Name);
        sameValue.Value += 10;
        Assert.AreEqual(15, value.Value);
        Assert.AreEqual(15, Interlocked.Increment(ref value.Value) - 1);

        using var empty = new SharedArray<int>(0);
        Assert.AreEqual(0, empty.AsSpan().Length);
    }

    [TestMethod]
    public void The_file_lives_under_dev_shm_named_after_its_creator_and_disposing_removes_it()
    {
        var array = new SharedArray<int>(10);
        StringAssert.StartsWith(array.Name, $"mp-{Environment.ProcessId}-");
        string path = Path.Combine("/dev/shm", array.Name);
        Assert.IsTrue(File.Exists(path));

        var attached = SharedArray<int>.Open(array.Name);
        attached.Dispose();
        Assert.IsTrue(File.Exists(path), "a process that only attached does not remove the array");

        array.Dispose();
        Assert.IsFalse(File.Exists(path));
        var disposed = Assert.ThrowsExactly<ObjectDisposedException>(() => array.AsSpan());
        StringAssert.Contains(disposed.Message, array.Name);
        array.Dispose(); // twice is fine

        var gone = Assert.ThrowsExactly<ObjectDisposedException>(() => SharedArray<int>.Open(array.Name));
        StringAssert.Contains(gone.Message, $"shared array '{array.Name}'");
        StringAssert.Contains(gone.Message, "no longer exists");
        StringAssert.Contains(gone.Message, $"pid {Environment.ProcessId}");

        var value = new SharedValue<int>();
        string valuePath = Path.Combine("/dev/shm", value.Name);
        Assert.IsTrue(File.Exists(valuePath));
        value.Dispose();
        Assert.IsFalse(File.Exists(valuePath));
        Assert.ThrowsExactly<ObjectDisposedException>(() => value.Value);
        Assert.ThrowsExactly<ObjectDisposedException>(() => value.Lock.Acquire());
    }

    [TestMethod]
    public async Task A_child_given_an_array_the_parent_disposed_fails_clearly()
    {
        var array = new SharedArray<int>(3);
        array.Dispose();
        using var child = SharedTargets.Targets.ReadFirst.With(new ProcessOptions { RedirectStandardError = true }).Start(array);
        var error = await Assert.ThrowsExactlyAsync<ProcessTargetException>(async () => await child.Bounded());
        Assert.AreEqual(typeof(ObjectDisposedException).FullName, error.RemoteType);
        StringAssert.Contains(error.RemoteMessage, $"shared array '{array.Name}'");
        StringAssert.Contains(error.RemoteMessage, "no longer exists");
    }

    [TestMethod]
    public void Opening_with_another_element_type_or_kind_says_what_the_object_holds()
    {
        using var array = new SharedArray<int>(8);
        var wrongType = Assert.ThrowsExactly<InvalidDataException>(() => SharedArray<float>.Open(array.Name));
        StringAssert.Contains(wrongType.Message, $"shared array '{array.Name}'");
        StringAssert.Contains(wrongType.Message, "Int32 elements (4 bytes each)");
        StringAssert.Contains(wrongType.Message, "SharedArray<Single> (4 bytes each)");

        var wrongSize = Assert.ThrowsExactly<InvalidDataException>(() => SharedArray<long>.Open(array.Name));
        StringAssert.Contains(wrongSize.Message, "SharedArray<Int64> (8 bytes each)");

        var wrongKind = Assert.ThrowsExactly<InvalidDataException>(() => SharedValue<int>.Open(array.Name));
        StringAssert.Contains(wrongKind.Message, $"shared value '{array.Name}'");
        StringAssert.Contains(wrongKind.Message, "holds a shared array, not a shared value");

        using var value = new SharedValue<long>();
        var wrongValue = Assert.ThrowsExactly<InvalidDataException>(() => SharedValue<ulong>.Open(value.Name));
        StringAssert.Contains(wrongValue.Message, "Int64 elements");

        Assert.ThrowsExactly<InvalidDataException>(() => SharedArray<int>.Open("../etc/passwd"));
    }

    [TestMethod]
    public async Task A_killed_child_leaves_no_shared_memory_once_the_parent_saw_it_exit()
    {
        using var child = SharedTargets.Targets.CreateArrayAndSleep.With(new ProcessOptions { RedirectStandardOutput = true }).Start(1 << 20);
        string? line = await child.StandardOutput.ReadLineAsync().WaitAsync(Bound);
        Assert.IsNotNull(line);
        string name = line["name=".Length..];
        StringAssert.StartsWith(name, $"mp-{child.Pid}-");
        Assert.IsTrue(File.Exists(Path.Combine("/dev/shm", name)));
        using (var attached = SharedArray<byte>.Open(name))
        {
            Assert.AreEqual(42, attached[0]);
        }

        child.Kill();
        await child.JoinAsync().WaitAsync(Bound);
        Assert.AreEqual(-9, child.ExitCode);
        Assert.AreEqual(0, Directory.GetFiles("/dev/shm", $"mp-{child.Pid}-*").Length, "the parent removed the killed child's shared memory");
    }

    [TestMethod]
    public async Task Pool_tasks_work_on_the_same_shared_array()
    {
        using var array = new SharedArray<long>(Enumerable.Range(0, 64).Select(i => (long)i).ToArray());
        var pool = new ProcessPool(2);
        await using (pool)
        {
            var done = await pool.MapAsync(SharedTargets.Targets.SquareSlot, Enumerable.Range(0, 64).Select(i => (array, i)), new MapOptions { ChunkSize = 4 }).WaitAsync(Bound);
            CollectionAssert.AreEqual(Enumerable.Range(0, 64).Select(i => (long)i * i).ToArray(), array.AsSpan().ToArray());
            Assert.IsFalse(done.Any(d => d.Pid == Environment.ProcessId));
            Assert.AreEqual(1, done.Max(d => d.Mappings), "a worker maps the array once, however many tasks bring it");
        }

        // the retired workers saw their connection close with their parent alive: they left its files alone
        Assert.IsTrue(File.Exists(Path.Combine("/dev/shm", array.Name)));
        using var attached = SharedArray<long>.Open(array.Name);
        Assert.AreEqual(63L * 63, attached[63]);
    }

    private const string KilledParentReport = "MP_TEST_KILLED_PARENT_REPORT";

    [TestMethod]
    public Task A_killed_parent_leaves_no_shared_memory_once_its_child_noticed() => KillParentAndCheckItsFiles(pool: false);

    [TestMethod]
    public Task A_killed_pool_parent_leaves_no_shared_memory_once_its_worker_noticed() => KillParentAndCheckItsFiles(pool: true);

    private static async Task KillParentAndCheckItsFiles(bool pool)
    {
        // The parent must not be a Multiprocessing parent itself (that one would clean up as it sees it exit): run this
        // test executable as a plain process, with only the helper test below, and kill it.
        string report = Path.Combine(Path.GetTempPath(), $"mp-test-report-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo(Environment.ProcessPath!, ["--filter", $"FullyQualifiedName~{nameof(Helper_a_parent_with_shared_memory_and_a_child)}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment[KilledParentReport] = (pool ? "pool:" : "process:") + report;
        using var parent = Process.Start(start)!;
        _ = parent.StandardOutput.ReadToEndAsync();
        _ = parent.StandardError.ReadToEndAsync();
        try
        {
            var watch = Stopwatch.StartNew();
            string[] fields = [];
            while (watch.Elapsed < Bound && !parent.HasExited && (fields = File.Exists(report) ? File.ReadAllText(report).Split(' ') : []).Length < 2)
            {
                await Task.Delay(20);
            }

            Assert.AreEqual(2, fields.Length, "the helper reported its array and child");
            string name = fields[0];
            int child = int.Parse(fields[1]);
            StringAssert.StartsWith(name, $"mp-{parent.Id}-");
            Assert.IsTrue(File.Exists(Path.Combine("/dev/shm", name)));

            parent.Kill();
            await parent.WaitForExitAsync().WaitAsync(Bound);
            watch.Restart();
            while (Processes.IsRunning(child) && watch.Elapsed < Bound)
            {
                await Task.Delay(20);
            }

            Assert.IsFalse(Processes.IsRunning(child), "the child outlived its killed parent");
            Assert.AreEqual(0, Directory.GetFiles("/dev/shm", $"mp-{parent.Id}-*").Length, "the child removed its killed parent's shared memory");
        }
        finally
        {
            if (!parent.HasExited)
            {
                parent.Kill();
            }

            File.Delete(report);
        }
    }

    /// <summary>Not a test on its own: the parent that <see cref="A_killed_parent_leaves_no_shared_memory_once_its_child_noticed"/> kills.</summary>
    [TestMethod]
    public void Helper_a_parent_with_shared_memory_and_a_child()
    {
        if (Environment.GetEnvironmentVariable(KilledParentReport) is not { } setting)
        {
            Assert.Inconclusive("Runs only as the helper process of another test.");
            return;
        }

        Environment.SetEnvironmentVariable(KilledParentReport, null);
        string report = setting[(setting.IndexOf(':') + 1)..];
        var array = new SharedArray<int>(1024);
        var ready = new ProcessEvent();
        var never = new ProcessEvent();
        int child;
        if (setting.StartsWith("pool:", StringComparison.Ordinal))
        {
#pragma warning disable MP0012 // deliberately never disposed: this process is killed and the worker watches it die
            var pool = new ProcessPool(1);
#pragma warning restore MP0012
            child = pool.Apply(PoolTargets.Targets.Pid, 0); // the worker is up, idle, reading its connection
        }
        else
        {
#pragma warning disable MP0012 // deliberately never joined: this process is killed and the child watches it die
            child = SharedTargets.Targets.WaitForGo.Start(ready, never).Pid;
#pragma warning restore MP0012
            Assert.IsTrue(ready.Wait(Bound), "the child runs its target (and watches this process)");
        }

        File.WriteAllText(report + ".tmp", $"{array.Name} {child}");
        File.Move(report + ".tmp", report);
        Thread.Sleep(Bound);
        GC.KeepAlive(array);
        GC.KeepAlive(never);
    }

    [TestMethod]
    public void Creating_and_disposing_is_cheap_enough_to_do_per_task()
    {
        // a bound, not a benchmark: creating maps a file and disposing unlinks it
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < 200; i++)
        {
            using var value = new SharedValue<int>(i);
            Assert.AreEqual(i, value.Value);
        }

        Assert.IsTrue(watch.Elapsed < TimeSpan.FromSeconds(10), $"200 create/dispose took {watch.Elapsed}");
    }
}
