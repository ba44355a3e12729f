using System.Diagnostics;

namespace Multiprocessing.Tests;

/// <summary>
/// <see cref="ProcessLock"/>, <see cref="ProcessSemaphore"/>, <see cref="ProcessEvent"/> and <see cref="ProcessBarrier"/>
/// across real children. Every wait has a timeout, so a bug fails a test instead of hanging it.
/// </summary>
[TestClass]
public sealed class SynchronizationTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    // ----- ProcessLock -----

    [TestMethod]
    public void A_lock_is_held_by_the_process_and_not_reentrant()
    {
        using var processLock = new ProcessLock();
        Assert.IsFalse(processLock.IsHeld);
        Assert.ThrowsExactly<SynchronizationLockException>(processLock.Release);
        processLock.Acquire();
        Assert.IsTrue(processLock.IsHeldByCurrentProcess);
        Assert.IsFalse(processLock.TryAcquire(TimeSpan.Zero), "not reentrant");
        Assert.IsFalse(processLock.TryAcquire(Short), "not reentrant, with a timeout");
        processLock.Release();
        Assert.ThrowsExactly<SynchronizationLockException>(processLock.Release);
        using (processLock.Hold())
        {
            Assert.IsTrue(processLock.IsHeld);
        }

        Assert.IsFalse(processLock.IsHeld);
        Assert.IsTrue(processLock.TryAcquire(TimeSpan.Zero));
        processLock.Release();
    }

    [TestMethod]
    public async Task A_lock_held_by_a_child_times_out_and_is_taken_once_released()
    {
        using var processLock = new ProcessLock();
        using var held = new ProcessEvent();
        using var release = new ProcessEvent();
        using var child = SharedTargets.Targets.HoldLockUntil.Start(processLock, held, release);
        Assert.IsTrue(held.Wait(Patience), "the child took the lock");
        Assert.IsTrue(processLock.IsHeld);
        Assert.IsFalse(processLock.IsHeldByCurrentProcess);
        Assert.ThrowsExactly<SynchronizationLockException>(processLock.Release, "the child holds it, not this process");

        var watch = Stopwatch.StartNew();
        Assert.IsFalse(processLock.TryAcquire(TimeSpan.FromMilliseconds(200)));
        Assert.IsTrue(watch.Elapsed >= TimeSpan.FromMilliseconds(190), $"returned after {watch.Elapsed}");
        Assert.IsFalse(await processLock.AcquireAsync(TimeSpan.Zero));

        var acquiring = processLock.AcquireAsync(Patience);
        await Task.Delay(50);
        Assert.IsFalse(acquiring.IsCompleted);
        release.Set();
        Assert.IsTrue(await acquiring.WaitAsync(Bound));
        Assert.IsTrue(processLock.IsHeldByCurrentProcess);
        Assert.IsTrue(await child.Bounded());
        processLock.Release();
    }

    [TestMethod]
    public async Task A_lock_whose_holder_was_killed_is_taken_over_within_a_second()
    {
        using var processLock = new ProcessLock();
        using var held = new ProcessEvent();
        using var child = SharedTargets.Targets.HoldLockAndSleep.Start(processLock, held);
        Assert.IsTrue(held.Wait(Patience), "the child took the lock");
        child.Kill();
        await child.JoinAsync().WaitAsync(Bound);

        var watch = Stopwatch.StartNew();
        Assert.IsTrue(processLock.TryAcquire(TimeSpan.FromSeconds(10)), "the dead holder's lock was not recovered");
        Assert.IsTrue(watch.Elapsed < TimeSpan.FromSeconds(2), $"recovered after {watch.Elapsed}");
        Assert.IsTrue(processLock.IsHeldByCurrentProcess);
        processLock.Release();
        Assert.IsTrue(processLock.TryAcquire(TimeSpan.Zero));
        processLock.Release();
    }

    [TestMethod]
    public async Task Cancelling_a_lock_wait_throws()
    {
        using var processLock = new ProcessLock();
        processLock.Acquire();
        using var cancel = new CancellationTokenSource(Short);
        var watch = Stopwatch.StartNew();
        Assert.ThrowsExactly<OperationCanceledException>(() => processLock.TryAcquire(Patience, cancel.Token));
        Assert.IsTrue(watch.Elapsed < TimeSpan.FromSeconds(5), $"cancelled after {watch.Elapsed}");

        using var cancelAsync = new CancellationTokenSource(Short);
        await Assert.ThrowsAsync<OperationCanceledException>(() => processLock.AcquireAsync(Patience, cancelAsync.Token).WaitAsync(Bound));
        Assert.ThrowsExactly<OperationCanceledException>(() => processLock.TryAcquire(Patience, cancel.Token), "an already cancelled token");
        processLock.Release();
    }

    // ----- ProcessSemaphore -----

    [TestMethod]
    public async Task A_semaphore_limits_how_many_children_are_inside_at_once()
    {
        using var semaphore = new ProcessSemaphore(2, 2);
        using var stats = new SharedArray<int>(2);
        var children = Enumerable.Range(0, 3).Select(_ => SharedTargets.Targets.UseSemaphore.Start(semaphore, stats, 20)).ToList();
        try
        {
            foreach (var child in children)
            {
                Assert.AreEqual(20, await child.Bounded());
            }
        }
        finally
        {
            children.ForEach(c => c.Dispose());
        }

        Assert.AreEqual(0, stats[0], "everyone left");
        Assert.IsTrue(stats[1] is >= 1 and <= 2, $"at most 2 inside at once, saw {stats[1]}");
        Assert.AreEqual(2, semaphore.CurrentCount);
    }

    [TestMethod]
    public async Task A_semaphore_counts_times_out_and_refuses_to_exceed_its_maximum()
    {
        using var semaphore = new ProcessSemaphore(1, 3);
        Assert.AreEqual(1, semaphore.CurrentCount);
        Assert.AreEqual(3, semaphore.MaximumCount);
        Assert.IsTrue(semaphore.Wait(TimeSpan.Zero));
        Assert.IsFalse(semaphore.Wait(TimeSpan.Zero));
        var watch = Stopwatch.StartNew();
        Assert.IsFalse(semaphore.Wait(Short));
        Assert.IsTrue(watch.Elapsed >= TimeSpan.FromMilliseconds(90), $"returned after {watch.Elapsed}");
        Assert.IsFalse(await semaphore.WaitAsync(Short));

        Assert.AreEqual(0, semaphore.Release(2));
        Assert.AreEqual(2, semaphore.CurrentCount);
        Assert.ThrowsExactly<SemaphoreFullException>(() => semaphore.Release(2));
        Assert.AreEqual(2, semaphore.Release());
        Assert.ThrowsExactly<SemaphoreFullException>(() => semaphore.Release());
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ProcessSemaphore(2, 1));

        semaphore.Wait();
        await semaphore.WaitAsync();
        Assert.AreEqual(1, semaphore.CurrentCount);

        using var empty = new ProcessSemaphore(0);
        var waiting = empty.WaitAsync(Patience);
        await Task.Delay(50);
        Assert.IsFalse(waiting.IsCompleted);
        empty.Release();
        Assert.IsTrue(await waiting.WaitAsync(Bound));
        Assert.AreEqual(0, empty.CurrentCount);

        using var cancel = new CancellationTokenSource(Short);
        Assert.ThrowsExactly<OperationCanceledException>(() => empty.Wait(Patience, cancel.Token));
        using var cancelAsync = new CancellationTokenSource(Short);
        await Assert.ThrowsAsync<OperationCanceledException>(() => empty.WaitAsync(Patience, cancelAsync.Token).WaitAsync(Bound));
        Assert.AreEqual(0, empty.CurrentCount, "a cancelled wait took nothing");
    }

    // ----- ProcessEvent -----

    [TestMethod]
    public async Task An_event_set_in_the_parent_releases_a_waiting_child()
    {
        using var ready = new ProcessEvent();
        using var go = new ProcessEvent();
        using var child = SharedTargets.Targets.WaitForGo.Start(ready, go);
        Assert.IsTrue(await ready.WaitAsync(Patience).WaitAsync(Bound), "the child started waiting");
        Assert.IsTrue(ready.IsSet);
        await Task.Delay(100); // let it sleep on the futex
        Assert.IsFalse(child.Join(TimeSpan.Zero), "the child waits for the event");
        go.Set();
        Assert.IsTrue(await child.Bounded());
    }

    [TestMethod]
    public async Task An_event_times_out_stays_set_until_cleared_and_cancels()
    {
        using var processEvent = new ProcessEvent();
        Assert.IsFalse(processEvent.IsSet);
        Assert.IsFalse(processEvent.Wait(TimeSpan.Zero));
        var watch = Stopwatch.StartNew();
        Assert.IsFalse(processEvent.Wait(Short));
        Assert.IsTrue(watch.Elapsed >= TimeSpan.FromMilliseconds(90), $"returned after {watch.Elapsed}");
        Assert.IsFalse(await processEvent.WaitAsync(Short));

        processEvent.Set();
        processEvent.Set();
        Assert.IsTrue(processEvent.Wait(TimeSpan.Zero));
        processEvent.Wait();
        await processEvent.WaitAsync();
        Assert.IsTrue(processEvent.IsSet);
        processEvent.Clear();
        Assert.IsFalse(processEvent.Wait(TimeSpan.Zero));

        using var cancel = new CancellationTokenSource(Short);
        Assert.ThrowsExactly<OperationCanceledException>(() => processEvent.Wait(Patience, cancel.Token));
        using var cancelAsync = new CancellationTokenSource(Short);
        await Assert.ThrowsAsync<OperationCanceledException>(() => processEvent.WaitAsync(Patience, cancelAsync.Token).WaitAsync(Bound));

        using var initiallySet = new ProcessEvent(initiallySet: true);
        Assert.IsTrue(initiallySet.Wait(TimeSpan.Zero));
    }

    // ----- ProcessBarrier -----

    [TestMethod]
    public async Task A_barrier_holds_the_parent_and_two_children_together_phase_after_phase()
    {
        const int Phases = 5;
        using var barrier = new ProcessBarrier(3);
        Assert.AreEqual(3, barrier.ParticipantCount);
        using var arrivals = new SharedArray<int>(3);
        using var first = SharedTargets.Targets.CrossBarrier.Start(barrier, arrivals, 1, Phases);
        using var second = SharedTargets.Targets.CrossBarrier.Start(barrier, arrivals, 2, Phases);
        int mine = await Task.Run(() => SharedTargets.CrossBarrier(barrier, arrivals, 0, Phases)).WaitAsync(Bound);
        Assert.AreEqual(0, mine, "the parent was released before everyone arrived");
        Assert.AreEqual(0, await first.Bounded());
        Assert.AreEqual(0, await second.Bounded());
        Assert.AreEqual(Phases, barrier.CurrentPhaseNumber);
        Assert.IsFalse(barrier.IsBroken);
    }

    [TestMethod]
    public async Task A_barrier_wait_that_times_out_or_is_cancelled_withdraws_its_arrival()
    {
        using var barrier = new ProcessBarrier(2);
        var watch = Stopwatch.StartNew();
        Assert.IsFalse(barrier.SignalAndWait(Short));
        Assert.IsTrue(watch.Elapsed >= TimeSpan.FromMilliseconds(90), $"returned after {watch.Elapsed}");
        using var cancel = new CancellationTokenSource(Short);
        Assert.ThrowsExactly<OperationCanceledException>(() => barrier.SignalAndWait(Patience, cancel.Token));
        using var cancelAsync = new CancellationTokenSource(Short);
        await Assert.ThrowsAsync<OperationCanceledException>(() => barrier.SignalAndWaitAsync(Patience, cancelAsync.Token).WaitAsync(Bound));
        Assert.AreEqual(0, barrier.CurrentPhaseNumber);

        // the withdrawn arrivals do not count: a phase still needs both participants
        using var arrivals = new SharedArray<int>(2);
        arrivals[0] = int.MaxValue; // the parent counts as arrived in every phase the child checks
        using var child = SharedTargets.Targets.CrossBarrier.Start(barrier, arrivals, 1, 1);
        Assert.IsTrue(await barrier.SignalAndWaitAsync(Patience).WaitAsync(Bound));
        Assert.AreEqual(0, await child.Bounded());
        Assert.AreEqual(1, barrier.CurrentPhaseNumber);
    }

    [TestMethod]
    public async Task A_barrier_breaks_instead_of_hanging_when_a_participant_dies()
    {
        using var barrier = new ProcessBarrier(2);
        using var attached = new ProcessEvent();
        using var child = SharedTargets.Targets.AttachAndSleep.Start(barrier, attached);
        Assert.IsTrue(attached.Wait(Patience), "the child attached");
        var waiting = Task.Run(() => barrier.SignalAndWait(Patience));
        await Task.Delay(150);
        Assert.IsFalse(waiting.IsCompleted);
        child.Kill();
        await child.JoinAsync().WaitAsync(Bound);

        var watch = Stopwatch.StartNew();
        var broken = await Assert.ThrowsExactlyAsync<BrokenBarrierException>(() => waiting.WaitAsync(Bound));
        Assert.IsTrue(watch.Elapsed < TimeSpan.FromSeconds(5), $"broke after {watch.Elapsed}");
        Assert.AreEqual(child.Pid, broken.DeadProcessId);
        StringAssert.Contains(broken.Message, $"process {child.Pid}");
        Assert.IsTrue(barrier.IsBroken);
        Assert.ThrowsExactly<BrokenBarrierException>(() => barrier.SignalAndWait(Short), "it stays broken");
    }

    [TestMethod]
    public async Task A_child_that_ends_normally_leaves_the_barrier_unbroken()
    {
        using var barrier = new ProcessBarrier(2);
        using var arrivals = new SharedArray<int>(2);
        arrivals[0] = int.MaxValue; // the parent counts as arrived in every phase the children check
        using var child = SharedTargets.Targets.CrossBarrier.Start(barrier, arrivals, 1, 1);
        Assert.IsTrue(barrier.SignalAndWait(Patience));
        Assert.AreEqual(0, await child.Bounded());

        // the child is gone; a new one takes its place
        using var next = SharedTargets.Targets.CrossBarrier.Start(barrier, arrivals, 1, 2);
        Assert.IsTrue(barrier.SignalAndWait(Patience));
        Assert.IsTrue(barrier.SignalAndWait(Patience));
        Assert.AreEqual(0, await next.Bounded());
        Assert.IsFalse(barrier.IsBroken);
    }
}
