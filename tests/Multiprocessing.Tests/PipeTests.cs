using System.Diagnostics;

namespace Multiprocessing.Tests;

/// <summary><see cref="ProcessPipe"/> ends in real processes. Every wait is bounded: a bug fails a test, never hangs it.</summary>
[TestClass]
public sealed class PipeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [TestMethod]
    public async Task The_seed_program_receives_until_EndOfStreamException()
    {
        var (parentEnd, childEnd) = ProcessPipe.Create<int>();
        string[] names = ChannelFiles.NamesOf(parentEnd);
        using (parentEnd)
        {
            using var sender = ChannelTargets.Targets.SendItems.Start(childEnd, [1, 2, 3, 4, 5], true);
            childEnd.Dispose();   // Python's best practice: close the parent's copy of the child's end

            using var cancel = new CancellationTokenSource(Bound);
            var received = new List<int>();
            while (true)
            {
                try
                {
                    received.Add(parentEnd.Receive(cancel.Token));
                }
                catch (EndOfStreamException e)
                {
                    StringAssert.Contains(e.Message, names[1]);
                    break;
                }
            }

            CollectionAssert.AreEqual(new[] { 1, 2, 3, 4, 5 }, received);
            Assert.ThrowsExactly<EndOfStreamException>(() => parentEnd.Receive(cancel.Token), "the end of the stream stays the end");
            await sender.Bounded();
        }

        Assert.IsTrue(parentEnd.IsClosed);
        Assert.ThrowsExactly<ObjectDisposedException>(() => parentEnd.Receive());
        ChannelFiles.AssertGone(names);
    }

    [TestMethod]
    public async Task The_seed_program_with_ReceiveAllAsync()
    {
        var (parentEnd, childEnd) = ProcessPipe.Create<int>();
        string[] names = ChannelFiles.NamesOf(parentEnd);
        using (parentEnd)
        {
            using var sender = ChannelTargets.Targets.SendItems.Start(childEnd, [1, 2, 3, 4, 5], true);
            childEnd.Dispose();
            CollectionAssert.AreEqual(new[] { 1, 2, 3, 4, 5 }, await ReceiveAll(parentEnd));
            await sender.Bounded();
        }

        ChannelFiles.AssertGone(names);
    }

    [TestMethod]
    public async Task A_thousand_round_trips_over_a_duplex_pipe()
    {
        var (parentEnd, childEnd) = ProcessPipe.Create<int>();
        string[] names = ChannelFiles.NamesOf(parentEnd);
        using var echo = ChannelTargets.Targets.EchoPlusOne.Start(childEnd);
        childEnd.Dispose();
        using (var cancel = new CancellationTokenSource(Bound))
        {
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < 1_000; i++)
            {
                parentEnd.Send(i * 2);
                Assert.AreEqual(i * 2 + 1, parentEnd.Receive(cancel.Token));
            }

            Console.WriteLine($"1,000 round trips: {watch.ElapsedMilliseconds} ms");
        }

        parentEnd.Dispose();   // the child sees the end of the stream and returns
        Assert.AreEqual(1_000, await echo.Bounded());
        ChannelFiles.AssertGone(names);
    }

    [TestMethod]
    public async Task Two_siblings_talk_over_a_pipe_the_parent_created()
    {
        var (first, second) = ProcessPipe.Create<int>();
        string[] names = ChannelFiles.NamesOf(first);
        int[] items = [.. Enumerable.Range(1, 1_000)];
        using var receiver = ChannelTargets.Targets.SumReceived.Start(second);
        using var sender = ChannelTargets.Targets.SendItems.Start(first, items, false);
        first.Dispose();
        second.Dispose();

        var (sum, count, inOrder) = await receiver.Bounded();
        Assert.AreEqual(1_000, count);
        Assert.AreEqual(500_500L, sum);
        Assert.IsTrue(inOrder);
        await sender.Bounded();
        ChannelFiles.AssertGone(names);
    }

    [TestMethod]
    public async Task ReceiveBytesInto_a_too_small_buffer_throws_and_leaves_the_message_in_the_pipe()
    {
        var (parentEnd, childEnd) = ProcessPipe.Create<byte[]>();
        string[] names = ChannelFiles.NamesOf(parentEnd);
        using (parentEnd)
        {
            using var sender = ChannelTargets.Targets.SendPattern.Start(childEnd, 1_000);
            childEnd.Dispose();
            using var cancel = new CancellationTokenSource(Bound);

            var small = new byte[10];
            var error = Assert.ThrowsExactly<ArgumentException>(() => parentEnd.ReceiveBytesInto(small, cancel.Token));
            StringAssert.Contains(error.Message, "1000 bytes");
            StringAssert.Contains(error.Message, "holds 10");
            Assert.AreEqual("buffer", error.ParamName);
            Assert.AreEqual(0, small.Count(b => b != 0), "nothing was copied into the small buffer");

            var buffer = new byte[4_096];
            int length = parentEnd.ReceiveBytesInto(buffer, cancel.Token);
            Assert.AreEqual(1_000, length);
            Assert.IsTrue(ChannelTargets.IsPattern(buffer.AsSpan(0, length), 7, 1_000));

            // the typed message that followed
            Assert.IsTrue(ChannelTargets.IsPattern(parentEnd.Receive(cancel.Token), 7, 1_000));
            await sender.Bounded();
            Assert.ThrowsExactly<EndOfStreamException>(() => parentEnd.ReceiveBytesInto(buffer, cancel.Token));
        }

        ChannelFiles.AssertGone(names);
    }

    [TestMethod]
    public async Task A_10_MiB_message_arrives_intact_as_bytes_and_as_a_typed_message()
    {
        const int Size = 10 << 20;
        var (parentEnd, childEnd) = ProcessPipe.Create<byte[]>();
        string[] names = ChannelFiles.NamesOf(parentEnd);
        using (parentEnd)
        {
            using var sender = ChannelTargets.Targets.SendPattern.Start(childEnd, Size);
            childEnd.Dispose();
            using var cancel = new CancellationTokenSource(Bound);
            Assert.IsTrue(ChannelTargets.IsPattern(parentEnd.ReceiveBytes(cancel.Token), 7, Size), "the raw bytes");
            Assert.IsTrue(ChannelTargets.IsPattern(parentEnd.Receive(cancel.Token), 7, Size), "the typed message");
            await sender.Bounded();
        }

        ChannelFiles.AssertGone(names);
    }

    [TestMethod]
    public async Task Poll_waits_at_most_its_timeout_and_sees_messages_and_the_end_of_the_stream()
    {
        var (parentEnd, childEnd) = ProcessPipe.Create<int>();
        string[] names = ChannelFiles.NamesOf(parentEnd);
        using (parentEnd)
        {
            using var child = ChannelTargets.Targets.AnswerWhenAsked.Start(childEnd);
            childEnd.Dispose();
            Assert.IsFalse(parentEnd.Poll(), "nothing sent yet (no wait)");
            var watch = Stopwatch.StartNew();
            Assert.IsFalse(parentEnd.Poll(TimeSpan.FromMilliseconds(150)), "nothing sent yet");
            Assert.IsTrue(watch.ElapsedMilliseconds >= 100, $"Poll returned after {watch.ElapsedMilliseconds} ms of 150");

            parentEnd.Send(4);
            Assert.IsTrue(parentEnd.Poll(Bound), "the answer");
            Assert.IsTrue(parentEnd.Poll(), "a message that is there is seen without a wait");
            Assert.AreEqual(40, parentEnd.Receive());

            await child.Bounded();   // its end closed as the target returned
            Assert.IsTrue(parentEnd.Poll(Bound), "the end of the stream is something to receive");
            Assert.ThrowsExactly<EndOfStreamException>(() => parentEnd.Receive());
        }

        ChannelFiles.AssertGone(names);
    }

    [TestMethod]
    public async Task Sending_after_the_other_end_closed_throws_IOException_on_both_sides()
    {
        // the child sends after the parent closed
        var (parentEnd, childEnd) = ProcessPipe.Create<int>();
        string[] names = ChannelFiles.NamesOf(parentEnd);
        using (var child = ChannelTargets.Targets.SendAfterPeerClosed.Start(childEnd))
        {
            childEnd.Dispose();
            parentEnd.Dispose();
            string said = await child.Bounded();
            StringAssert.StartsWith(said, "IOException: ");
            StringAssert.Contains(said, "is closed");
        }

        ChannelFiles.AssertGone(names);

        // the parent sends after the child closed
        var (otherParentEnd, otherChildEnd) = ProcessPipe.Create<int>();
        string[] otherNames = ChannelFiles.NamesOf(otherParentEnd);
        using (otherParentEnd)
        {
            using var sender = ChannelTargets.Targets.SendItems.Start(otherChildEnd, [1], true);
            otherChildEnd.Dispose();
            await sender.Bounded();
            var error = Assert.ThrowsExactly<IOException>(() => otherParentEnd.Send(2));
            StringAssert.Contains(error.Message, "is closed");
            Assert.ThrowsExactly<IOException>(() => otherParentEnd.SendBytes([1, 2]));
            Assert.AreEqual(1, otherParentEnd.Receive(), "what was sent before the close is still received");
        }

        ChannelFiles.AssertGone(otherNames);
    }

    [TestMethod]
    public async Task A_receiver_whose_peer_was_SIGKILLed_gets_an_IOException_naming_it_not_a_hang()
    {
        var (parentEnd, childEnd) = ProcessPipe.Create<int>();
        string[] names = ChannelFiles.NamesOf(parentEnd);
        using (parentEnd)
        {
            using var child = ChannelTargets.Targets.SendThenSleep.Start(childEnd, 42);
            childEnd.Dispose();
            using var cancel = new CancellationTokenSource(Bound);
            Assert.AreEqual(42, parentEnd.Receive(cancel.Token));   // the child holds its end now

            var waiting = Task.Factory.StartNew(() => parentEnd.Receive(cancel.Token), TaskCreationOptions.LongRunning);
            await Task.Delay(100);
            var watch = Stopwatch.StartNew();
            child.Kill();
            var error = await Assert.ThrowsExactlyAsync<IOException>(() => waiting.WaitAsync(Bound));
            TimeSpan noticed = watch.Elapsed;
            StringAssert.Contains(error.Message, $"process {child.Pid}");
            Assert.IsTrue(noticed < TimeSpan.FromSeconds(5), $"the death was noticed after {noticed}");
            Console.WriteLine($"the receiver noticed the SIGKILL after {noticed.TotalMilliseconds:F0} ms");

            // and again, and through the async API: no hang either
            Assert.ThrowsExactly<IOException>(() => parentEnd.Receive(cancel.Token));
            await Assert.ThrowsExactlyAsync<IOException>(async () => await ReceiveAll(parentEnd));
            await child.JoinAsync().WaitAsync(Bound);
        }

        ChannelFiles.AssertGone(names);
    }

    [TestMethod]
    public async Task A_sender_whose_reader_was_SIGKILLed_gets_an_IOException_naming_it()
    {
        var (parentEnd, childEnd) = ProcessPipe.Create<int>();
        string[] names = ChannelFiles.NamesOf(parentEnd);
        using (parentEnd)
        {
            using var child = ChannelTargets.Targets.SendThenSleep.Start(childEnd, 42);
            childEnd.Dispose();
            using var cancel = new CancellationTokenSource(Bound);
            Assert.AreEqual(42, parentEnd.Receive(cancel.Token));   // the child holds its end now
            child.Kill();
            await child.JoinAsync().WaitAsync(Bound);

            // messages already sent may be lost, as with Python's pipe, but the sender learns it within milliseconds
            var watch = Stopwatch.StartNew();
            IOException? error = null;
            while (error is null && watch.Elapsed < Bound)
            {
                try
                {
                    parentEnd.Send(1);
                    await Task.Delay(1);
                }
                catch (IOException e)
                {
                    error = e;
                }
            }

            Assert.IsNotNull(error, "sending to a dead reader never failed");
            StringAssert.Contains(error.Message, $"process {child.Pid}");
            Assert.ThrowsExactly<IOException>(() => parentEnd.Send(2));
        }

        ChannelFiles.AssertGone(names);
    }

    [TestMethod]
    public async Task A_child_killed_before_it_attached_its_end_fails_the_receiver_instead_of_hanging_it()
    {
        var (parentEnd, childEnd) = ProcessPipe.Create<int>();
        string[] names = ChannelFiles.NamesOf(parentEnd);
        using (parentEnd)
        {
            using var child = ChannelTargets.Targets.SendThenSleep.Start(childEnd, 42);
            childEnd.Dispose();   // Python's advice: close your copy of the child's end
            child.Kill();         // long before the child's runtime started, so it never attached its end
            await child.JoinAsync().WaitAsync(Bound);

            using var cancel = new CancellationTokenSource(Bound);
            var error = Assert.ThrowsExactly<IOException>(() => parentEnd.Receive(cancel.Token));
            StringAssert.Contains(error.Message, $"process {child.Pid}");
        }

        ChannelFiles.AssertGone(names);
    }

    [TestMethod]
    public async Task Closing_the_parents_copy_of_the_childs_end_right_after_the_start_does_not_cut_the_child_off()
    {
        var (parentEnd, childEnd) = ProcessPipe.Create<int>();
        string[] names = ChannelFiles.NamesOf(parentEnd);
        using var echo = ChannelTargets.Targets.EchoPlusOne.Start(childEnd);
        childEnd.Dispose();   // before the child even attached its end
        Assert.IsTrue(childEnd.IsClosed);
        using (var cancel = new CancellationTokenSource(Bound))
        {
            for (int i = 0; i < 10; i++)
            {
                parentEnd.Send(i);
                Assert.AreEqual(i + 1, parentEnd.Receive(cancel.Token));
            }
        }

        parentEnd.Dispose();
        Assert.AreEqual(10, await echo.Bounded());
        ChannelFiles.AssertGone(names);
    }

    [TestMethod]
    public async Task An_end_a_child_does_not_close_is_closed_when_its_target_returns()
    {
        var (parentEnd, childEnd) = ProcessPipe.Create<int>();
        string[] names = ChannelFiles.NamesOf(parentEnd);
        using (parentEnd)
        {
            using var sender = ChannelTargets.Targets.SendItems.Start(childEnd, [7, 8, 9], false);
            childEnd.Dispose();
            CollectionAssert.AreEqual(new[] { 7, 8, 9 }, await ReceiveAll(parentEnd));
            await sender.Bounded();
            Assert.ThrowsExactly<EndOfStreamException>(() => parentEnd.Receive());
        }

        ChannelFiles.AssertGone(names);
    }

    [TestMethod]
    public async Task A_message_that_cannot_be_deserialized_is_consumed_and_the_stream_goes_on()
    {
        var (parentEnd, childEnd) = ProcessPipe.Create<int>();
        string[] names = ChannelFiles.NamesOf(parentEnd);
        using (parentEnd)
        {
            using var sender = ChannelTargets.Targets.SendUndecodableThen.Start(childEnd, 5);
            childEnd.Dispose();
            await sender.Bounded();
            using var cancel = new CancellationTokenSource(Bound);
            var error = Assert.ThrowsExactly<InvalidDataException>(() => parentEnd.Receive(cancel.Token));
            StringAssert.Contains(error.Message, "'System.Int32'");
            Assert.AreEqual(5, parentEnd.Receive(cancel.Token));
            // a timeout, not Receive: a count out of step with the log would spin here instead of seeing the end
            Assert.ThrowsExactly<EndOfStreamException>(() => parentEnd.TryReceive(out _, TimeSpan.FromSeconds(5)));
        }

        ChannelFiles.AssertGone(names);
    }

    [TestMethod]
    public async Task Both_ends_in_one_process_and_closing_twice()
    {
        var (a, b) = ProcessPipe.Create<string>();
        string[] names = ChannelFiles.NamesOf(a);
        CollectionAssert.AreEqual(names.Reverse().ToArray(), ChannelFiles.NamesOf(b));
        a.Send("hello");
        await b.SendAsync("world");
        Assert.AreEqual("hello", await b.ReceiveAsync());
        Assert.AreEqual("world", a.Receive());
        Assert.IsFalse(a.TryReceive(out _, TimeSpan.FromMilliseconds(50)));
        a.Dispose();
        a.Dispose();
        Assert.ThrowsExactly<EndOfStreamException>(() => b.Receive());
        b.Dispose();
        ChannelFiles.AssertGone(names);
    }

    private static async Task<List<int>> ReceiveAll(PipeConnection<int> end)
    {
        using var cancel = new CancellationTokenSource(Bound);
        var items = new List<int>();
        await foreach (int item in end.ReceiveAllAsync(cancel.Token))
        {
            items.Add(item);
        }

        return items;
    }
}
