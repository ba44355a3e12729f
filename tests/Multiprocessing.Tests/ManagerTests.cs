using System.Buffers;
using System.Diagnostics;
using MemoryPack;
using Multiprocessing.Manager;

namespace Multiprocessing.Tests;

/// <summary><see cref="ProcessManager"/> and its proxies, in this process and through real children.</summary>
[TestClass]
public sealed class ManagerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [TestMethod]
    public async Task Children_and_the_parent_see_each_others_writes()
    {
        using var manager = new ProcessManager();
        var list = manager.List<string>();
        var dictionary = manager.Dictionary<string, string>();
        dictionary["from-parent"] = "hello";

        var children = Enumerable.Range(0, 3).Select(i => ManagerTargets.Targets.AppendAndSet.Start(list, dictionary, i)).ToList();
        foreach (var child in children)
        {
            Assert.AreEqual("hello", await child.Bounded());
            child.Dispose();
        }

        CollectionAssert.AreEquivalent(new[] { "item-0", "item-1", "item-2" }, list.ToArray());
        Assert.AreEqual(4, dictionary.Count);
        for (int i = 0; i < 3; i++)
        {
            Assert.AreEqual($"value_for_item-{i}", dictionary[$"item-{i}"]);
        }
    }

    [TestMethod]
    public async Task Four_children_updating_through_the_manager_lose_no_update()
    {
        using var manager = new ProcessManager();
        var counts = manager.Dictionary<string, int>();
        var total = manager.Value(0);
        counts["shared"] = 0;

        var children = Enumerable.Range(0, 4).Select(i => ManagerTargets.Targets.Count.Start(counts, total, "shared", 1_000)).ToList();
        foreach (var child in children)
        {
            await child.Bounded();
            child.Dispose();
        }

        Assert.AreEqual(4_000, counts["shared"]);
        Assert.AreEqual(4_000, total.Value);
    }

    [TestMethod]
    public async Task Batched_operations_work_in_a_child_and_here()
    {
        using var manager = new ProcessManager();
        var dictionary = manager.Dictionary<int, long>();
        var list = manager.List<int>();
        const int n = 50_000;
        long expected = (3L * n * (n - 1) / 2) + ((long)n * (n - 1) / 2);
        Assert.AreEqual(expected, await ManagerTargets.Targets.Batches.Start(dictionary, list, n).Bounded());

        var snapshot = dictionary.Snapshot();
        Assert.AreEqual(n, snapshot.Count);
        Assert.AreEqual(3L * 1234, snapshot[1234]);
        Assert.AreEqual(n, dictionary.Keys.Count);
        Assert.AreEqual(3L * (n - 1), dictionary.Values.Max());
        CollectionAssert.AreEqual(new long[] { 0, 3, 6 }, dictionary.GetMany([0, 1, 2]));
        CollectionAssert.AreEqual(new long[] { 3, -1 }, dictionary.GetMany([1, -5], missingValue: -1));
        var missing = Assert.ThrowsExactly<KeyNotFoundException>(() => dictionary.GetMany([1, -5, -6]));
        StringAssert.Contains(missing.Message, "'-5'");
        Assert.AreEqual(n, list.Count);
        Assert.AreEqual(n - 1, list[n - 1]);

        // a batch is atomic: a key that cannot be sent fails the whole batch before anything changes
        var strings = manager.Dictionary<string, int>();
        Assert.ThrowsExactly<ArgumentNullException>(() => strings.SetMany([KeyValuePair.Create("a", 1), KeyValuePair.Create<string, int>(null!, 2)]));
        Assert.AreEqual(0, strings.Count);
    }

    [TestMethod]
    public async Task Pool_workers_and_proxies_inside_shared_objects_reach_the_same_manager()
    {
        using var manager = new ProcessManager();
        var list = manager.List<int>();
        await using (var pool = new ProcessPool(2))
        {
            await pool.StarMapAsync(ManagerTargets.Targets.AddTo, Enumerable.Range(0, 200).Select(i => (list, i))).WaitAsync(Bound);
        }

        CollectionAssert.AreEquivalent(Enumerable.Range(0, 200).ToArray(), list.ToArray());

        // Python's nested proxies: a dictionary whose values are proxies of lists of the same manager
        var lists = manager.Dictionary<string, ManagedList<int>>();
        lists["evens"] = manager.List<int>([0, 2]);
        Assert.AreEqual(3, await ManagerTargets.Targets.AppendToNested.Start(lists, "evens", 4).Bounded());
        CollectionAssert.AreEqual(new[] { 0, 2, 4 }, lists["evens"].ToArray());
    }

    [TestMethod]
    public void Dictionary_list_and_value_operations()
    {
        using var manager = new ProcessManager();
        var d = manager.Dictionary<string, int>([KeyValuePair.Create("a", 1)]);
        Assert.IsTrue(d.TryAdd("b", 2));
        Assert.IsFalse(d.TryAdd("b", 3));
        Assert.AreEqual(2, d.GetOrAdd("b", 4));
        Assert.AreEqual(5, d.GetOrAdd("c", 5));
        Assert.IsTrue(d.TryGetValue("c", out int c) && c == 5);
        Assert.IsFalse(d.TryGetValue("zz", out _));
        Assert.AreEqual(-1, d.GetValueOrDefault("zz", -1));
        Assert.IsTrue(d.ContainsKey("a"));
        Assert.IsTrue(d.Remove("c", out int removed) && removed == 5);
        Assert.IsFalse(d.Remove("c"));
        var e = Assert.ThrowsExactly<KeyNotFoundException>(() => d["zz"]);
        StringAssert.Contains(e.Message, "'zz'");
        StringAssert.Contains(e.Message, manager.Name);
        Assert.AreEqual(11, d.Update("a", ManagerTargets.Targets.Add, 10));
        Assert.AreEqual(12, d.Update("a", ManagerTargets.Targets.Increment));
        Assert.ThrowsExactly<KeyNotFoundException>(() => d.Update("zz", ManagerTargets.Targets.Increment));
        Assert.AreEqual(7, d.AddOrUpdate("new", 7, ManagerTargets.Targets.Increment));
        Assert.AreEqual(8, d.AddOrUpdate("new", 7, ManagerTargets.Targets.Increment));
        CollectionAssert.AreEquivalent(new[] { "a", "b", "new" }, d.Select(pair => pair.Key).ToArray());
        d.Clear();
        Assert.AreEqual(0, d.Count);

        var l = manager.List<string>(["x", "y"]);
        Assert.AreEqual(2, l.Add("z"));
        l.Insert(0, "w");
        Assert.AreEqual("w", l[0]);
        l[0] = "v";
        Assert.AreEqual("X!", l.Update(1, ManagerTargets.Targets.Shout, "!"));
        Assert.AreEqual("v", l.RemoveAt(0));
        Assert.IsTrue(l.Remove("y"));
        Assert.AreEqual(1, l.IndexOf("z"));
        Assert.IsTrue(l.Contains("X!"));
        CollectionAssert.AreEqual(new[] { "X!", "z" }, l.Snapshot());
        var outOfRange = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => l[5]);
        StringAssert.Contains(outOfRange.Message, "holds 2 items");
        l.Clear();
        Assert.AreEqual(0, l.Count);

        var v = manager.Value<string?>(null);
        Assert.IsNull(v.Value);
        v.Value = "one";
        Assert.AreEqual("one", v.Exchange("two"));
        Assert.AreEqual("two", v.CompareExchange("three", "nope"));
        Assert.AreEqual("two", v.CompareExchange("three", "two"));
        Assert.AreEqual("three", v.Value);
    }

    [TestMethod]
    public void Values_are_copied_not_shared()
    {
        using var manager = new ProcessManager();
        var d = manager.Dictionary<string, List<int>>();
        var local = new List<int> { 1 };
        d["k"] = local;
        local.Add(2);
        Assert.AreEqual(1, d["k"].Count);
        d["k"].Add(3);
        Assert.AreEqual(1, d["k"].Count);
    }

    [TestMethod]
    public void A_failing_update_function_leaves_the_value_and_names_itself()
    {
        using var manager = new ProcessManager();
        var d = manager.Dictionary<string, int>();
        d["k"] = 41;
        var e = Assert.ThrowsExactly<ManagedFunctionException>(() => d.Update("k", ManagerTargets.Targets.Explode));
        StringAssert.Contains(e.Message, "Explode");
        StringAssert.Contains(e.Message, "no update for 41");
        Assert.AreEqual(typeof(InvalidOperationException).FullName, e.RemoteType);
        Assert.AreEqual(41, d["k"]);
    }

    [TestMethod]
    public async Task A_proxy_used_after_the_manager_is_disposed_says_so()
    {
        var manager = new ProcessManager();
        var d = manager.Dictionary<string, int>();
        using var ready = new ProcessEvent();
        using var disposed = new ProcessEvent();
        using var child = ManagerTargets.Targets.UseAfterSignal.Start(d, ready, disposed);
        Assert.IsTrue(await Task.Run(() => ready.Wait(Bound)));
        Assert.AreEqual(child.Pid, d["child"]);

        manager.Dispose();
        disposed.Set();
        string remote = await child.Bounded();
        StringAssert.StartsWith(remote, nameof(ObjectDisposedException));
        StringAssert.Contains(remote, manager.Name);
        StringAssert.Contains(remote, $"process {Environment.ProcessId}");

        var local = Assert.ThrowsExactly<ObjectDisposedException>(() => d["child"]);
        StringAssert.Contains(local.Message, manager.Name);
        StringAssert.Contains(local.Message, "disposed");

        // a child that receives a proxy to a manager that is already gone
        string late = await ManagerTargets.Targets.UseGone.Start(d).Bounded();
        StringAssert.StartsWith(late, nameof(ObjectDisposedException));
        StringAssert.Contains(late, manager.Name);
        Assert.ThrowsExactly<ObjectDisposedException>(() => manager.Dictionary<int, int>());
    }

    [TestMethod]
    public async Task A_child_killed_mid_use_does_not_disturb_the_others()
    {
        using var manager = new ProcessManager();
        var d = manager.Dictionary<int, int>();
        using var victim = ManagerTargets.Targets.Hammer.Start(d, 1);
        var clock = Stopwatch.StartNew();
        while (d.GetValueOrDefault(-1) < 100)
        {
            Assert.IsTrue(clock.Elapsed < Bound, "the child never started writing");
            Thread.Sleep(5);
        }

        Assert.AreEqual(1, manager.ConnectedProcesses);
        victim.Kill();
        Assert.IsTrue(await Task.Run(() => victim.Join(Bound)));

        // the others go on: this process, and a new child
        d[5] = 5;
        Assert.AreEqual(5, d[5]);
        var list = manager.List<string>();
        var strings = manager.Dictionary<string, string>();
        strings["from-parent"] = "still here";
        Assert.AreEqual("still here", await ManagerTargets.Targets.AppendAndSet.Start(list, strings, 7).Bounded());
        Assert.AreEqual("item-7", list[0]);

        // the killed child's serving thread noticed and ended (it checks every 100 ms while idle)
        clock.Restart();
        while (manager.ConnectedProcesses > 0)
        {
            Assert.IsTrue(clock.Elapsed < TimeSpan.FromSeconds(10), "the killed child's connection was not noticed");
            Thread.Sleep(20);
        }
    }

    [TestMethod]
    public async Task A_proxy_with_other_type_arguments_gets_a_clear_error()
    {
        using var manager = new ProcessManager();
        var d = manager.Dictionary<string, int>();
        d["a"] = 1;
        byte[] bytes = MemoryPackSerializer.Serialize(d);
        string remote = await ManagerTargets.Targets.ReadMismatched.Start(bytes).Bounded();
        StringAssert.StartsWith(remote, nameof(InvalidOperationException));
        StringAssert.Contains(remote, "ManagedDictionary<String, String>");
        StringAssert.Contains(remote, "ManagedDictionary<String, Int32>");
        StringAssert.Contains(remote, manager.Name);

        var here = MemoryPackSerializer.Deserialize<ManagedValue<int>>(bytes)!;
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => here.Value);
        StringAssert.Contains(e.Message, "ManagedValue<Int32>");
        Assert.AreEqual(1, d["a"]);
    }

    [TestMethod]
    public void A_corrupt_request_is_answered_with_an_error_and_the_manager_goes_on()
    {
        using var manager = new ProcessManager();
        var d = manager.Dictionary<string, int>();
        d["a"] = 1;

        // through the shared-memory transport, as another process would send it
        manager.StartServing();
        var connection = ManagerConnection.For(manager.Name);
        var buffers = connection.Acquire();
        try
        {
            foreach (byte[] garbage in new[] { new byte[] { 1, 2 }, [1, 0, 0, 0, 200, .. BitConverter.GetBytes(ManagedDictionary<string, int>.TypeHash)], [1, 0, 0, 0, 1, .. BitConverter.GetBytes(ManagedDictionary<string, int>.TypeHash), 9, 9, 9, 9, 9] })
            {
                buffers.Request.ResetWrittenCount();
                buffers.Request.Write(garbage);
                connection.Exchange(buffers);
                Assert.AreEqual(ManagerWire.Error, buffers.Response.WrittenSpan[0]);
                Assert.AreEqual((byte)ManagerErrorKind.BadRequest, buffers.Response.WrittenSpan[1]);
            }
        }
        finally
        {
            connection.Release(buffers);
        }

        var remote = new ManagedDictionary<string, int>(new ProxyCore(manager.Name, 1, ManagedDictionary<string, int>.TypeHash, "remote", connection));
        Assert.AreEqual(1, remote["a"]);
        remote["b"] = 2;
        Assert.AreEqual(2, d["b"]);
        Assert.AreEqual(1, manager.ConnectedProcesses);
    }

    [TestMethod]
    public void Queues_locks_and_events_come_from_the_manager_and_go_with_it()
    {
        var manager = new ProcessManager();
        var queue = manager.Queue<int>();
        var gate = manager.Lock();
        var flag = manager.Event();
        queue.Write(42);
        Assert.AreEqual(42, queue.Read());
        gate.Acquire();
        gate.Release();
        flag.Set();
        Assert.IsTrue(flag.IsSet);
        manager.Dispose();
        Assert.ThrowsExactly<ObjectDisposedException>(() => manager.Lock());
    }
}
