using System.Diagnostics;
using System.Threading.Channels;
using Multiprocessing.Channels;

namespace Multiprocessing.Tests;

/// <summary><see cref="ProcessQueue{T}"/> between real processes. Every wait is bounded: a bug fails a test, never hangs it.</summary>
[TestClass]
public sealed class QueueTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [TestMethod]
    public async Task Items_go_from_parent_to_child_and_back_from_child_to_parent()
    {
        string input, output;
        using (var toChild = new ProcessQueue<int>())
        using (var fromChild = new ProcessQueue<int>())
        {
            (input, output) = (ChannelFiles.NameOf(toChild), ChannelFiles.NameOf(fromChild));
            using var child = ChannelTargets.Targets.Double.Start(toChild, fromChild);
            for (int i = 1; i <= 100; i++)
            {
                toChild.Write(i);
            }

            toChild.Complete();
            var doubled = await ReadAll(fromChild);
            CollectionAssert.AreEqual(Enumerable.Range(1, 100).Select(i => i * 2).ToArray(), doubled);
            await child.Bounded();
            Assert.AreEqual(0, toChild.Count);
        }

        ChannelFiles.AssertGone(input, output);
    }

    [TestMethod]
    public async Task Two_producers_and_two_consumers_deliver_every_item_exactly_once()
    {
        const int PerProducer = 20_000;
        string name;
        using (var queue = new ProcessQueue<int>())
        {
            name = ChannelFiles.NameOf(queue);
            using var consumerA = ChannelTargets.Targets.ConsumeAll.Start(queue);
            using var consumerB = ChannelTargets.Targets.ConsumeAll.Start(queue);
            using var producerA = ChannelTargets.Targets.Produce.Start(queue, 0, PerProducer, false);
            using var producerB = ChannelTargets.Targets.Produce.Start(queue, PerProducer, PerProducer, false);
            await producerA.Bounded();
            await producerB.Bounded();
            queue.Complete();
            int[] a = await consumerA.Bounded(), b = await consumerB.Bounded();

            int[] all = [.. a, .. b];
            Assert.AreEqual(2 * PerProducer, all.Length, $"consumer A got {a.Length}, consumer B got {b.Length}");
            Assert.AreEqual(2 * PerProducer, all.Distinct().Count(), "an item was delivered twice");
            Assert.AreEqual((long)(2 * PerProducer) * (2 * PerProducer - 1) / 2, all.Sum(x => (long)x));
            CollectionAssert.AreEquivalent(Enumerable.Range(0, 2 * PerProducer).ToArray(), all);
            foreach (var consumed in new[] { a, b })
            {
                // each consumer sees each producer's items in the order they were written
                AssertIncreasing(consumed.Where(x => x < PerProducer));
                AssertIncreasing(consumed.Where(x => x >= PerProducer));
            }

            Assert.AreEqual(0, queue.Count);
        }

        ChannelFiles.AssertGone(name);
    }

    [TestMethod]
    public async Task A_producer_child_feeds_a_consumer_child_in_order()
    {
        string name;
        using (var queue = new ProcessQueue<int>())
        {
            name = ChannelFiles.NameOf(queue);
            using var consumer = ChannelTargets.Targets.ConsumeAll.Start(queue);
            using var producer = ChannelTargets.Targets.Produce.Start(queue, 0, 5_000, true);
            CollectionAssert.AreEqual(Enumerable.Range(0, 5_000).ToArray(), await consumer.Bounded());
            await producer.Bounded();
            Assert.AreEqual(0, queue.Count);
            Assert.IsTrue(queue.IsCompleted, "the producer child completed the parent's queue");
        }

        ChannelFiles.AssertGone(name);
    }

    [TestMethod]
    public async Task A_single_producers_order_is_preserved_while_the_parent_reads_concurrently()
    {
        const int Count = 10_000;
        using var queue = new ProcessQueue<int>();
        using var producer = ChannelTargets.Targets.Produce.Start(queue, 0, Count, false);
        for (int expected = 0; expected < Count; expected++)
        {
            Assert.IsTrue(queue.TryRead(out int item, Bound), $"item {expected} did not come");
            Assert.AreEqual(expected, item);
        }

        await producer.Bounded();
        Assert.IsFalse(queue.Reader.TryRead(out _));

        ChannelFiles.DisposeAndAssertGone(queue);
    }

    [TestMethod]
    public async Task ReadAllAsync_ends_when_a_child_completes_the_queue()
    {
        using var queue = new ProcessQueue<int>();
        // The parent waits before anything is written: the child's Complete must wake it.
        var reading = ReadAll(queue);
        await Task.Delay(50);
        Assert.IsFalse(reading.IsCompleted);
        using var producer = ChannelTargets.Targets.Produce.Start(queue, 10, 20, true);
        CollectionAssert.AreEqual(Enumerable.Range(10, 20).ToArray(), await reading);
        await producer.Bounded();
        Assert.IsTrue(queue.IsCompleted);
        Assert.IsFalse(await queue.Reader.WaitToReadAsync().AsTask().WaitAsync(Bound), "a completed, empty queue has nothing more to read");
        var error = Assert.ThrowsExactly<ChannelClosedException>(() => queue.Read());
        StringAssert.Contains(error.Message, queue.ToString());

        ChannelFiles.DisposeAndAssertGone(queue);
    }

    [TestMethod]
    public async Task TryRead_with_a_timeout_returns_false_on_an_empty_queue()
    {
        using var queue = new ProcessQueue<int>();
        using var child = ChannelTargets.Targets.TryReadEmpty.Start(queue, 200);
        var (got, elapsed) = await child.Bounded();
        Assert.IsFalse(got);
        Assert.IsTrue(elapsed >= 150, $"the child gave up after {elapsed} ms of a 200 ms timeout");

        var watch = Stopwatch.StartNew();
        Assert.IsFalse(queue.TryRead(out _, TimeSpan.FromMilliseconds(100)));
        Assert.IsTrue(watch.ElapsedMilliseconds >= 50, $"{watch.ElapsedMilliseconds} ms");
        Assert.IsFalse(queue.TryRead(out _, TimeSpan.Zero));
        Assert.IsFalse(queue.Reader.TryRead(out _));

        // completed and empty: no waiting at all
        queue.Complete();
        watch.Restart();
        Assert.IsFalse(queue.TryRead(out _, TimeSpan.FromSeconds(20)));
        Assert.IsTrue(watch.Elapsed < TimeSpan.FromSeconds(10), $"TryRead waited {watch.Elapsed} on a completed queue");

        ChannelFiles.DisposeAndAssertGone(queue);
    }

    [TestMethod]
    public async Task Writing_after_Complete_throws_ChannelClosedException_in_every_process()
    {
        using var queue = new ProcessQueue<int>();
        queue.Write(1);
        queue.Complete();
        Assert.IsFalse(queue.Writer.TryComplete(), "completing twice says it was complete already");
        Assert.ThrowsExactly<ChannelClosedException>(() => queue.Write(2));

        string said = await ChannelTargets.Targets.WriteAfterComplete.Start(queue).Bounded();
        string[] parts = said.Split('|');
        StringAssert.StartsWith(parts[0], "ChannelClosedException: ");
        StringAssert.Contains(parts[0], queue.ToString());
        Assert.AreEqual("ChannelClosedException", parts[1]);
        Assert.AreEqual("TryWrite=False", parts[2]);
        Assert.AreEqual("WaitToWrite=False", parts[3]);

        // what was written before completion is still read
        Assert.IsTrue(queue.TryRead(out int item, Bound));
        Assert.AreEqual(1, item);
        Assert.AreEqual(0, queue.Count);

        ChannelFiles.DisposeAndAssertGone(queue);
    }

    [TestMethod]
    public async Task A_bounded_queue_makes_writers_wait_until_a_reader_takes()
    {
        string name;
        using (var queue = new ProcessQueue<int>(capacity: 2))
        {
            name = ChannelFiles.NameOf(queue);
            Assert.AreEqual(2, queue.Capacity);
            queue.Write(0);
            Assert.IsTrue(queue.Writer.TryWrite(1));
            Assert.IsFalse(queue.Writer.TryWrite(2), "full");
            var room = queue.Writer.WaitToWriteAsync().AsTask();
            await Task.Delay(200);
            Assert.IsFalse(room.IsCompleted, "WaitToWriteAsync completed while the queue was full");

            // a child takes one: the parent's writer may go on
            CollectionAssert.AreEqual(new[] { 0 }, await ChannelTargets.Targets.Take.Start(queue, 1).Bounded());
            Assert.IsTrue(await room.WaitAsync(Bound));
            Assert.IsTrue(queue.TryRead(out int one, Bound));
            Assert.AreEqual(1, one);

            // a child writer blocks on the full queue and resumes as the parent reads
            using var producer = ChannelTargets.Targets.Produce.Start(queue, 100, 5, false);
            await WaitUntil(() => queue.Count == 2, "the child filled the queue");
            await Task.Delay(200);
            Assert.AreEqual(2, queue.Count, "a writer went past the capacity");
            Assert.IsTrue(producer.IsAlive, "the child finished writing 5 items into a queue of 2 nobody read");
            for (int expected = 100; expected < 105; expected++)
            {
                Assert.IsTrue(queue.TryRead(out int item, Bound), $"item {expected} did not come");
                Assert.AreEqual(expected, item);
                Assert.IsTrue(queue.Count <= 2);
            }

            await producer.Bounded();
        }

        ChannelFiles.AssertGone(name);
    }

    [TestMethod]
    public async Task Writers_woken_together_never_pass_the_capacity()
    {
        using var queue = new ProcessQueue<int>(capacity: 1);
        using var a = ChannelTargets.Targets.Produce.Start(queue, 0, 100, false);
        using var b = ChannelTargets.Targets.Produce.Start(queue, 1_000, 100, false);
        int most = 0;
        var items = new List<int>();
        while (items.Count < 200)
        {
            // each read frees one place and wakes both waiting writers: only one may take it
            Thread.Sleep(1);
            most = Math.Max(most, queue.Count);
            Assert.IsTrue(queue.TryRead(out int item, Bound), $"item {items.Count} did not come");
            items.Add(item);
        }

        Assert.AreEqual(1, most, "the count went past the capacity");
        CollectionAssert.AreEquivalent(Enumerable.Range(0, 100).Concat(Enumerable.Range(1_000, 100)).ToArray(), items);
        await a.Bounded();
        await b.Bounded();

        ChannelFiles.DisposeAndAssertGone(queue);
    }

    [TestMethod]
    public async Task Join_returns_only_after_every_item_is_marked_done()
    {
        using var work = new ProcessQueue<int>();
        using var results = new ProcessQueue<int>();
        Assert.IsTrue(work.Join(TimeSpan.Zero), "nothing written: nothing to wait for");
        for (int i = 1; i <= 5; i++)
        {
            work.Write(i);
        }

        Assert.IsFalse(work.Join(TimeSpan.FromMilliseconds(100)), "nothing was processed yet");
        var joined = work.JoinAsync();
        using var worker = ChannelTargets.Targets.ProcessAndMarkDone.Start(work, results, 5, 20);
        Assert.IsTrue(await Task.Run(() => work.Join(Bound)), "Join timed out");
        // each result is written before its item is marked done: Join returning means all five are there
        Assert.AreEqual(5, results.Count);
        await joined.WaitAsync(Bound);
        await worker.Bounded();
        var squares = new List<int>();
        while (results.Reader.TryRead(out int square))
        {
            squares.Add(square);
        }

        CollectionAssert.AreEqual(new[] { 1, 4, 9, 16, 25 }, squares);

        ChannelFiles.DisposeAndAssertGone(work, results);
    }

    [TestMethod]
    public async Task TaskDone_more_times_than_items_were_written_throws()
    {
        using var queue = new ProcessQueue<int>();
        var local = Assert.ThrowsExactly<InvalidOperationException>(queue.TaskDone);
        StringAssert.Contains(local.Message, queue.ToString());

        queue.Write(1);
        queue.Write(2);
        string said = await ChannelTargets.Targets.TaskDoneTooOften.Start(queue, 2).Bounded();
        StringAssert.Contains(said, "TaskDone() was called more times than items were written");
        StringAssert.Contains(said, queue.ToString());
        Assert.IsTrue(queue.Join(TimeSpan.Zero), "the extra TaskDone did not leave the count below zero");
        queue.Write(3);
        Assert.IsFalse(queue.Join(TimeSpan.Zero), "a new item is unfinished");

        ChannelFiles.DisposeAndAssertGone(queue);
    }

    [TestMethod]
    public async Task A_child_that_puts_100000_items_and_exits_can_be_joined_before_anyone_reads()
    {
        // Python's classic deadlock: a child blocked on a full pipe never exits, and the parent joins it before reading.
        const int Count = 100_000, Size = 1400;   // 100,000 items and more than 128 MiB: more segments than the log keeps spare
        string name;
        using (var queue = new ProcessQueue<byte[]>())
        {
            name = ChannelFiles.NameOf(queue);
            using var producer = ChannelTargets.Targets.Flood.Start(queue, 0, Count, Size);
            await producer.Bounded();   // join first
            Assert.AreEqual(0, producer.ExitCode);
            Assert.AreEqual(Count, queue.Count);
            long written = ChannelFiles.FilesOf(name).Sum(f => new FileInfo(f).Length);
            Assert.IsTrue(written > 128L << 20, $"{written} bytes of segments");

            for (int i = 0; i < Count; i++)
            {
                Assert.IsTrue(queue.Reader.TryRead(out byte[]? item), $"item {i} of {Count} is missing");
                if (!ChannelTargets.IsPattern(item, i, Size))
                {
                    Assert.Fail($"item {i} arrived damaged or out of order");
                }
            }

            Assert.IsFalse(queue.Reader.TryRead(out _));
            // read segments are recycled (a few kept for reuse), not left behind
            int segments = (int)(written / MessageLog.DefaultSegmentSize), afterReading = ChannelFiles.FilesOf(name).Length;
            Assert.IsTrue(afterReading <= MessageLog.SpareSegments + 2 && afterReading < segments, $"{afterReading} of {segments} segment files are left after everything was read");

            // another child writes two segments' worth more: the spare segments are reused, no new files
            int more = 2 * MessageLog.DefaultSegmentSize / (Size + 8);
            using var again = ChannelTargets.Targets.Flood.Start(queue, Count, more, Size);
            await again.Bounded();
            Assert.AreEqual(afterReading, ChannelFiles.FilesOf(name).Length, "spare segments were not reused");
            for (int i = Count; i < Count + more; i++)
            {
                Assert.IsTrue(queue.Reader.TryRead(out byte[]? item), $"item {i} is missing");
                if (!ChannelTargets.IsPattern(item, i, Size))
                {
                    Assert.Fail($"item {i} arrived damaged or out of order");
                }
            }
        }

        ChannelFiles.AssertGone(name);
    }

    [TestMethod]
    public async Task Messages_larger_than_a_segment_and_many_segments_of_messages_arrive_intact()
    {
        const int Big = MessageLog.DefaultSegmentSize + (1 << 20), Small = 4_000;   // 5 MiB with 4 MiB segments
        const int SmallCount = 10 * MessageLog.DefaultSegmentSize / Small;          // ten segments of small ones
        string name;
        using (var queue = new ProcessQueue<byte[]>())
        {
            name = ChannelFiles.NameOf(queue);
            using var producer = ChannelTargets.Targets.SendBigAndSmall.Start(queue, Big, SmallCount, Small);
            // read while the child writes: segments are retired and reused under the writer's feet
            Assert.IsTrue(queue.TryRead(out byte[] first, Bound));
            Assert.IsTrue(ChannelTargets.IsPattern(first, -1, Big), "the first 5 MiB message");
            for (int i = 0; i < SmallCount; i++)
            {
                Assert.IsTrue(queue.TryRead(out byte[] item, Bound), $"small message {i} did not come");
                if (!ChannelTargets.IsPattern(item, i, Small))
                {
                    Assert.Fail($"small message {i} arrived damaged or out of order");
                }
            }

            Assert.IsTrue(queue.TryRead(out byte[] last, Bound));
            Assert.IsTrue(ChannelTargets.IsPattern(last, -2, Big), "the last 5 MiB message");
            await producer.Bounded();
        }

        ChannelFiles.AssertGone(name);
    }

    [TestMethod]
    public async Task Records_and_collections_cross_a_queue()
    {
        using var orders = new ProcessQueue<Order>();
        using var repriced = new ProcessQueue<List<Order>>();
        using var quantities = new ProcessQueue<Dictionary<string, int[]>>();
        orders.Write(new Order("Ada", [1, 2], new Dictionary<string, decimal> { ["tea"] = 2.5m }, Color.Green));
        orders.Write(new Order("Grace", [], new Dictionary<string, decimal> { ["coffee"] = 3m, ["cake"] = 4.25m }, Color.Blue));
        orders.Complete();
        using var child = ChannelTargets.Targets.RepriceOrders.Start(orders, repriced, quantities, 2m);
        Assert.IsTrue(repriced.TryRead(out var list, Bound));
        Assert.AreEqual(2, list.Count);
        Assert.AreEqual("Ada", list[0].Customer);
        Assert.AreEqual(5m, list[0].Prices["tea"]);
        Assert.AreEqual(Color.Green, list[0].Color);
        Assert.AreEqual("Grace", list[1].Customer);
        Assert.AreEqual(6m, list[1].Prices["coffee"]);
        Assert.AreEqual(8.5m, list[1].Prices["cake"]);
        Assert.AreEqual(Color.Blue, list[1].Color);
        Assert.IsTrue(quantities.TryRead(out var map, Bound));
        CollectionAssert.AreEqual(new[] { 1, 2 }, map["Ada"]);
        Assert.AreEqual(0, map["Grace"].Length);
        await child.Bounded();

        ChannelFiles.DisposeAndAssertGone(orders, repriced, quantities);
    }

    [TestMethod]
    public async Task A_queue_opened_as_another_type_fails_naming_the_queue_and_both_types()
    {
        using var queue = new ProcessQueue<int>();
        string name = ChannelFiles.NameOf(queue);
        string said = await ChannelTargets.Targets.OpenQueueAsStrings.Start(name).Bounded();
        StringAssert.Contains(said, $"queue '{name}'");
        StringAssert.Contains(said, "'System.String'");
        StringAssert.Contains(said, "'System.Int32'");

        // the same in this process, through the internal API the queue's formatter uses
        var error = Assert.ThrowsExactly<InvalidOperationException>(() =>
            MessageLog.Open("queue", name, MessageCodec<Order>.TypeHash, MessageCodec<Order>.TypeName));
        StringAssert.Contains(error.Message, $"queue '{name}'");
        StringAssert.Contains(error.Message, typeof(Order).FullName!);
        StringAssert.Contains(error.Message, "'System.Int32'");

        // and the queue itself is untouched
        queue.Write(5);
        Assert.IsTrue(queue.TryRead(out int five, TimeSpan.Zero));
        Assert.AreEqual(5, five);

        ChannelFiles.DisposeAndAssertGone(queue);
    }

    [TestMethod]
    public async Task A_message_that_cannot_be_deserialized_is_consumed_and_the_queue_goes_on()
    {
        using var queue = new ProcessQueue<int>();
        // e.g. a producer built with another version of the item type: one byte, where an int takes four
        await ChannelTargets.Targets.WriteRaw.Start(ChannelFiles.NameOf(queue), [1]).Bounded();
        queue.Write(5);
        queue.Complete();
        var error = Assert.ThrowsExactly<InvalidDataException>(() => queue.TryRead(out _, Bound));
        StringAssert.Contains(error.Message, queue.ToString());
        StringAssert.Contains(error.Message, "'System.Int32'");
        Assert.AreEqual(1, queue.Count, "the bad message is gone, the good one is left");
        Assert.IsTrue(queue.TryRead(out int five, Bound));
        Assert.AreEqual(5, five);
        Assert.AreEqual(0, queue.Count);
        Assert.AreEqual(0, (await ReadAll(queue)).Length, "ReadAllAsync ends: the count matches the log");

        ChannelFiles.DisposeAndAssertGone(queue);
    }

    [TestMethod]
    public async Task A_producer_killed_while_producing_does_not_break_the_queue()
    {
        const int Size = 256 << 10, Others = 300;
        string name;
        using (var queue = new ProcessQueue<byte[]>())
        {
            name = ChannelFiles.NameOf(queue);
            // Nearly all of the victim's time is spent inside the producer lock (copying 256 KiB messages): the kill
            // most likely lands there. At most 400 messages (100 MiB), then it sleeps.
            using var victim = ChannelTargets.Targets.ProduceUntilKilled.Start(queue, 1, 400, Size);
            // Watched without reading (a reader's wake-up would preempt the victim just outside the lock).
            await WaitUntil(() => queue.Count >= 4, "the victim wrote a few items");
            victim.Kill();
            await victim.JoinAsync().WaitAsync(Bound);
            Assert.AreEqual(-9, victim.ExitCode);
            bool killedInside = ChannelFiles.ProducerLockHolder(name) == victim.Pid;

            using var survivor = ChannelTargets.Targets.ProduceTagged.Start(queue, 2, Others);
            var next = new int[3];
            var watch = Stopwatch.StartNew();
            while (next[2] < Others)
            {
                Assert.IsTrue(queue.TryRead(out byte[] item, Bound), $"the survivor's item {next[2]} did not come");
                int tag = item[0], index = BitConverter.ToInt32(item, 1);
                Assert.IsTrue(tag is 1 or 2, $"tag {tag}");
                Assert.AreEqual(next[tag], index, $"producer {tag}'s items are out of order or damaged");
                next[tag]++;
            }

            await survivor.Bounded();
            Assert.IsFalse(queue.Reader.TryRead(out _), "nothing more than the two producers wrote");
            Console.WriteLine($"victim wrote {next[1]} items before it was killed (inside the producer lock: {killedInside}); the survivor's {Others} took {watch.ElapsedMilliseconds} ms");
        }

        ChannelFiles.AssertGone(name);
    }

    [TestMethod]
    public async Task A_consumer_killed_while_consuming_does_not_break_the_queue()
    {
        const int Size = 256 << 10, Count = 300;
        string name;
        using (var queue = new ProcessQueue<byte[]>())
        {
            name = ChannelFiles.NameOf(queue);
            var item = new byte[Size];
            for (int i = 0; i < Count; i++)
            {
                BitConverter.TryWriteBytes(item, i);
                queue.Write(item);
            }

            // Nearly all of the victim's time is spent inside the consumer lock (copying 256 KiB out): the kill most likely lands there.
            using var victim = ChannelTargets.Targets.ConsumeUntilKilled.Start(queue);
            await WaitUntil(() => queue.Count <= Count - 4, "the victim read a few items");
            victim.Kill();
            await victim.JoinAsync().WaitAsync(Bound);
            bool killedInside = ChannelFiles.ConsumerLockHolder(name) == victim.Pid;
            int left = queue.Count;

            queue.Complete();
            int previous = -1, read = 0;
            // every item is there already: a short timeout, so that a count out of step with the log fails quickly
            while (queue.TryRead(out byte[] rest, TimeSpan.FromSeconds(5)))
            {
                int index = BitConverter.ToInt32(rest);
                Assert.IsTrue(index > previous, $"{index} after {previous}");
                previous = index;
                read++;
            }

            Assert.AreEqual(Count - 1, previous, "the last item was read");
            Assert.AreEqual(0, queue.Count);
            Assert.IsTrue(read >= left - 1 && read <= left, $"{read} read, {left} counted after the kill");
            Console.WriteLine($"the victim read {Count - read} items before it was killed (inside the consumer lock: {killedInside})");
        }

        ChannelFiles.AssertGone(name);
    }

    [TestMethod]
    public void A_queue_used_after_it_was_disposed_throws_instead_of_touching_unmapped_memory()
    {
        var queue = new ProcessQueue<int>();
        queue.Write(1);
        queue.Dispose();
        queue.Dispose();   // twice is fine

        var write = Assert.ThrowsExactly<ObjectDisposedException>(() => queue.Write(2));
        StringAssert.Contains(write.Message, "was disposed in this process");
        Assert.ThrowsExactly<ObjectDisposedException>(() => queue.Reader.TryRead(out _));
        Assert.ThrowsExactly<ObjectDisposedException>(() => _ = queue.Count);
    }

    [TestMethod]
    public async Task Locks_held_by_a_dead_process_are_taken_over()
    {
        // Deterministic version of the test above: the producer and consumer locks are marked held by a process
        // that is gone, as if it had been killed inside.
        using var gone = TestTargets.Targets.Nothing.Start();
        await gone.Bounded();
        using var queue = new ProcessQueue<int>();
        string path = Path.Combine("/dev/shm", ChannelFiles.NameOf(queue));
        using (var control = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite))
        {
            byte[] held = new byte[8];
            BitConverter.TryWriteBytes(held, 1);
            BitConverter.TryWriteBytes(held.AsSpan(4), gone.Pid);
            RandomAccess.Write(control, held, 64);    // producer lock: state "held", holder pid
            RandomAccess.Write(control, held, 128);   // consumer lock
        }

        using var producer = ChannelTargets.Targets.Produce.Start(queue, 0, 10, true);
        CollectionAssert.AreEqual(Enumerable.Range(0, 10).ToArray(), await ReadAll(queue));
        await producer.Bounded();

        ChannelFiles.DisposeAndAssertGone(queue);
    }

    private static async Task<int[]> ReadAll(ProcessQueue<int> queue)
    {
        using var cancel = new CancellationTokenSource(Bound);
        var items = new List<int>();
        await foreach (int item in queue.Reader.ReadAllAsync(cancel.Token))
        {
            items.Add(item);
        }

        return [.. items];
    }

    private static void AssertIncreasing(IEnumerable<int> items)
    {
        int previous = int.MinValue;
        foreach (int item in items)
        {
            Assert.IsTrue(item > previous, $"{item} came after {previous}");
            previous = item;
        }
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.IsTrue(watch.Elapsed < Bound, $"timed out waiting until {what}");
            await Task.Delay(10);
        }
    }
}

/// <summary>The /dev/shm files behind the channels a test created (only those: other tests run concurrently).</summary>
internal static class ChannelFiles
{
    /// <summary>The control file's name of a queue (from <c>queue 'mp-…'</c>).</summary>
    public static string NameOf<T>(ProcessQueue<T> queue)
    {
        string text = queue.ToString();
        int start = text.IndexOf('\'') + 1;
        string name = text[start..text.LastIndexOf('\'')];
        StringAssert.StartsWith(name, $"mp-{Environment.ProcessId}-");
        return name;
    }

    /// <summary>The control files' names of both directions of a pipe (from <c>pipe end (A → B)</c>).</summary>
    public static string[] NamesOf<T>(PipeConnection<T> end)
    {
        string text = end.ToString();
        string[] names = text[(text.IndexOf('(') + 1)..text.LastIndexOf(')')].Split(" → ");
        Assert.AreEqual(2, names.Length, text);
        foreach (string name in names)
        {
            StringAssert.StartsWith(name, $"mp-{Environment.ProcessId}-");
        }

        return names;
    }

    /// <summary>The pid a queue's producer lock says holds it (0: free).</summary>
    public static int ProducerLockHolder(string name) => LockHolder(name, 64);

    /// <summary>The pid a queue's consumer lock says holds it (0: free).</summary>
    public static int ConsumerLockHolder(string name) => LockHolder(name, 128);

    private static int LockHolder(string name, int offset)
    {
        using var control = File.OpenHandle(Path.Combine("/dev/shm", name));
        byte[] word = new byte[8];
        RandomAccess.Read(control, word, offset);
        return BitConverter.ToInt32(word, 0) != 0 ? BitConverter.ToInt32(word, 4) : 0;
    }

    /// <summary>The control file and the segment files (<c>name.1</c>, …) that exist now.</summary>
    public static string[] FilesOf(string name) =>
        [.. Directory.GetFiles("/dev/shm", name + "*").Where(f => Path.GetFileName(f) == name || Path.GetFileName(f).StartsWith(name + ".", StringComparison.Ordinal))];

    /// <summary>Disposes queues this process created and checks that their files went with them.</summary>
    public static void DisposeAndAssertGone(params IDisposable[] queues)
    {
        foreach (var queue in queues)
        {
            string text = queue.ToString()!;
            string name = text[(text.IndexOf('\'') + 1)..text.LastIndexOf('\'')];
            queue.Dispose();
            AssertGone(name);
        }
    }

    public static void AssertGone(params string[] names)
    {
        foreach (string name in names)
        {
            var left = FilesOf(name);
            Assert.AreEqual(0, left.Length, $"left behind: {string.Join(", ", left)}");
        }
    }
}
