using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Multiprocessing.Pool;
using Multiprocessing.Serialization;
using Multiprocessing.Wire;

namespace Multiprocessing;

/// <summary>
/// A pool of worker processes: Python's <c>multiprocessing.Pool</c> / <c>ProcessPoolExecutor</c>. Workers start once
/// and are reused; work goes to them in chunks pulled from one queue (no round-robin stragglers). A worker that dies
/// fails only the tasks it held (or they are retried) and is replaced; nothing hangs. Dispose it (<c>await using</c>).
/// </summary>
public sealed class ProcessPool : IAsyncDisposable, IDisposable
{
    /// <summary>Chunks a worker holds at once: one running, one waiting, so it never idles between chunks.</summary>
    private const int ChunksPerWorker = 2;

    /// <summary>
    /// Chunks a worker may hold when its chunks take under <see cref="QuickChunk"/>: a message's round trip then costs
    /// more than the work, so more of them travel at once (Python's pool queues every task at once).
    /// </summary>
    private const int QuickChunksPerWorker = 64;

    private static readonly TimeSpan QuickChunk = TimeSpan.FromMilliseconds(0.5);

    /// <summary>A worker that dies this many times in a row before it is ready means the workers cannot start.</summary>
    private const int MaxStartFailures = 3;

    private static int s_workerCounter;

    private readonly Lock _gate = new();
    private readonly List<PoolWorker> _workers = [];
    private readonly LinkedList<Chunk> _pending = new();
    private readonly ProcessPoolOptions _options;
    private readonly TaskCompletionSource _allExited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Timer? _timeoutTimer;
    private Exception? _fault;
    private bool _closed;
    private bool _terminated;
    private int _startFailures;
    private long _assignments;

    /// <summary>Starts <paramref name="workers"/> worker processes.</summary>
    /// <param name="workers">How many; by default the processors this process may use (cgroup limits and affinity included).</param>
    /// <param name="options">Initializer, recycling, timeouts, retries.</param>
    [CreatesProcess]
    public ProcessPool(int? workers = null, ProcessPoolOptions? options = null)
    {
        _options = options ?? new ProcessPoolOptions();
        WorkerCount = workers ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(WorkerCount, 1, nameof(workers));
        ProcessEntry.ThrowIfUnguardedChild("ProcessPool");
        if (ProcessEntry.Depth >= _options.MaxNestingDepth)
        {
            throw new InvalidOperationException(
                $"This process is {ProcessEntry.Depth} levels below the main program; ProcessPoolOptions.MaxNestingDepth ({_options.MaxNestingDepth}) " +
                "forbids another pool here. Nested pools multiply processes quickly: raise the limit only on purpose.");
        }

        lock (_gate)
        {
            for (int i = 0; i < WorkerCount; i++)
            {
                StartWorker();
            }
        }

        if (_options.TaskTimeout is not null)
        {
            _timeoutTimer = new Timer(static state => ((ProcessPool)state!).CheckTimeouts(), this, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>How many worker processes the pool keeps.</summary>
    public int WorkerCount { get; }

    /// <summary>The process ids of the current workers.</summary>
    public IReadOnlyList<int> WorkerPids
    {
        get
        {
            lock (_gate)
            {
                return _workers.Select(static w => w.Pid).ToArray();
            }
        }
    }

    /// <summary>The shared-memory logs of the current workers (for tests).</summary>
    internal string[] WorkerLogNames
    {
        get
        {
            lock (_gate)
            {
                return _workers.SelectMany(static w => w.LogNames).ToArray();
            }
        }
    }

    /// <summary>Runs <paramref name="target"/> once in a worker (Python's <c>apply_async</c>); several parameters go as a tuple.</summary>
    public Task<TResult> ApplyAsync<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, TArgs arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var batch = new SingleBatch<TResult>(cancellationToken);
        var writer = new ArgumentWriter();
        target.WriteArguments(writer, arguments);
        Submit(new Chunk<TResult>(batch, target.Id, target.Name, 0, 1, writer.WrittenMemory));
        return batch.Task;
    }

    /// <summary>Runs <paramref name="target"/> once in a worker and waits for its result (Python's <c>apply</c>).</summary>
    public TResult Apply<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, TArgs arguments) =>
        ApplyAsync(target, arguments).GetAwaiter().GetResult();

    /// <summary>
    /// Runs <paramref name="target"/> on every item and returns the results in input order (Python's <c>map</c>).
    /// The first item that fails fails the map (see <see cref="MapOutcomesAsync{TArgs, TResult}(ProcessTarget{TArgs, TResult}, IEnumerable{TArgs}, MapOptions?, CancellationToken)"/> to keep going).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // its serializing loop would otherwise start unoptimized
    public Task<TResult[]> MapAsync<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IEnumerable<TArgs> items, MapOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(items);
        // a span, not an IReadOnlyList: indexing an array through the interface costs an interface call per item
        ReadOnlySpan<TArgs> all = items switch
        {
            TArgs[] array => array,
            List<TArgs> list => CollectionsMarshal.AsSpan(list),
            _ => items.ToArray(),
        };
        var batch = new ArrayBatch<TResult>(all.Length, options?.Progress, cancellationToken);
        int chunkSize = FixedChunkSize(options);
        for (int first = 0; first < all.Length && !batch.IsAbandoned;)
        {
            int count = Math.Min(all.Length - first, chunkSize > 0 ? chunkSize : GuidedChunkSize(all.Length, all.Length - first));
            var writer = new ArgumentWriter();
            foreach (var item in all.Slice(first, count))
            {
                target.WriteArguments(writer, item);
            }

            Submit(new Chunk<TResult>(batch, target.Id, target.Name, first, count, writer.WrittenMemory));
            first += count;
        }

        return batch.Task;
    }

    /// <summary>Runs <paramref name="target"/> on every item and waits for the results (Python's <c>map</c>).</summary>
    public TResult[] Map<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IEnumerable<TArgs> items, MapOptions? options = null) =>
        MapAsync(target, items, options).GetAwaiter().GetResult();

    /// <summary>
    /// Runs a target of several parameters on every tuple of arguments (Python's <c>starmap</c>): the same as
    /// <see cref="MapAsync{TArgs, TResult}"/>, whose items already are the target's argument tuples.
    /// </summary>
    public Task<TResult[]> StarMapAsync<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IEnumerable<TArgs> argumentTuples, MapOptions? options = null, CancellationToken cancellationToken = default)
        where TArgs : struct, ITuple =>
        MapAsync(target, argumentTuples, options, cancellationToken);

    /// <summary>
    /// Streams the results of <paramref name="target"/> over <paramref name="items"/> (Python's <c>imap</c>, or
    /// <c>imap_unordered</c> with <see cref="MapOptions.Ordered"/> false). The input is read lazily, a bounded number of
    /// chunks ahead; breaking out of the loop stops it. A failed item throws when the stream reaches it.
    /// </summary>
    public async IAsyncEnumerable<TResult> MapStreamAsync<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IAsyncEnumerable<TArgs> items, MapOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var outcome in MapOutcomesAsync(target, items, options, cancellationToken).ConfigureAwait(false))
        {
            yield return outcome.Error is null ? outcome.Value! : throw outcome.Error;
        }
    }

    /// <inheritdoc cref="MapStreamAsync{TArgs, TResult}(ProcessTarget{TArgs, TResult}, IAsyncEnumerable{TArgs}, MapOptions?, CancellationToken)"/>
    public IAsyncEnumerable<TResult> MapStreamAsync<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IEnumerable<TArgs> items, MapOptions? options = null, CancellationToken cancellationToken = default) =>
        MapStreamAsync(target, ToAsync(items), options, cancellationToken);

    /// <summary>
    /// Streams the outcome of every item, successful or not: a failing or crashed item fails only itself. Ordered or
    /// not as <see cref="MapOptions.Ordered"/> says; the input is read lazily, a bounded number of chunks ahead.
    /// </summary>
    public async IAsyncEnumerable<PoolOutcome<TResult>> MapOutcomesAsync<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IAsyncEnumerable<TArgs> items, MapOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(items);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batch = new StreamBatch<TResult>(stop.Token);
        var window = new SemaphoreSlim(WorkerCount * (ChunksPerWorker + 2));
        bool ordered = options?.Ordered ?? true;
        var produced = ProduceAsync(target, items, options, batch, window, stop.Token);
        var early = new Dictionary<int, PoolOutcome<TResult>[]>();
        int next = 0, completed = 0;
        try
        {
            await foreach (var (first, outcomes) in batch.Done.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                completed += outcomes.Length;
                options?.Progress?.Report(new MapProgress(completed, null));
                if (!ordered)
                {
                    window.Release();
                    foreach (var outcome in outcomes)
                    {
                        yield return outcome;
                    }

                    continue;
                }

                early[first] = outcomes;
                while (early.Remove(next, out var ready))
                {
                    window.Release();
                    foreach (var outcome in ready)
                    {
                        yield return outcome;
                    }

                    next += ready.Length;
                }
            }
        }
        finally
        {
            stop.Cancel();
            await produced.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <inheritdoc cref="MapOutcomesAsync{TArgs, TResult}(ProcessTarget{TArgs, TResult}, IAsyncEnumerable{TArgs}, MapOptions?, CancellationToken)"/>
    public IAsyncEnumerable<PoolOutcome<TResult>> MapOutcomesAsync<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IEnumerable<TArgs> items, MapOptions? options = null, CancellationToken cancellationToken = default) =>
        MapOutcomesAsync(target, ToAsync(items), options, cancellationToken);

    /// <summary>No more work may be submitted (Python's <c>close()</c>); what was submitted still runs.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            RetireIdleWorkersIfDone();
        }
    }

    /// <summary>Waits for submitted work to finish and every worker to exit (Python's <c>join()</c>); call <see cref="Close"/> first.</summary>
    public Task JoinAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_closed)
            {
                throw new InvalidOperationException("Call Close() (or Terminate()) before JoinAsync(), as in Python: a pool still open for work never finishes.");
            }
        }

        return _allExited.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops at once (Python's <c>terminate()</c>): kills the workers; unfinished work fails with <see cref="ObjectDisposedException"/>.</summary>
    public void Terminate()
    {
        List<PoolWorker> workers;
        lock (_gate)
        {
            _closed = _terminated = true;
            workers = [.. _workers];
            FailPending(new ObjectDisposedException(nameof(ProcessPool), "The pool was terminated before this task ran."));
        }

        foreach (var worker in workers)
        {
            worker.Kill();
        }

        CheckAllExited();
    }

    /// <summary>Ends the pool as Python's <c>with Pool()</c> does (terminate): idle workers leave at once, busy ones are killed.</summary>
    public async ValueTask DisposeAsync()
    {
        List<PoolWorker> workers;
        lock (_gate)
        {
            _closed = _terminated = true;
            workers = [.. _workers];
            FailPending(new ObjectDisposedException(nameof(ProcessPool), "The pool was disposed before this task ran."));
        }

        foreach (var worker in workers)
        {
            if (worker.InFlight.Count == 0 && worker.IsReady)
            {
                worker.Retire();
            }
            else
            {
                worker.Kill();
            }
        }

        CheckAllExited();
        if (await Task.WhenAny(_allExited.Task, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false) != _allExited.Task)
        {
            workers.ForEach(static w => w.Kill());
            await _allExited.Task.ConfigureAwait(false);
        }

        if (_timeoutTimer is not null)
        {
            await _timeoutTimer.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var worker in workers)
        {
            await worker.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    internal void OnWorkerReady(PoolWorker worker)
    {
        List<Chunk> toSend;
        lock (_gate)
        {
            _startFailures = 0;
            toSend = TakePendingFor(worker);
        }

        Send(worker, toSend);
    }

    /// <summary>A worker sends back the chunks it ran together: a count, then each chunk's id, results and errors.</summary>
    internal void OnChunksDone(PoolWorker worker, ReadOnlySpan<byte> payload)
    {
        var reader = new PayloadReader(payload);
        int count = reader.Int32();
        var done = new Chunk?[count];
        List<Chunk> toSend;
        lock (_gate)
        {
            var scan = reader;
            long now = Stopwatch.GetTimestamp();
            for (int i = 0; i < count; i++)
            {
                if (worker.InFlight.Remove(scan.Int64(), out done[i]))
                {
                    worker.NoteChunkDone(done[i]!.SentAt, now);
                }

                scan.Bytes();
                scan.Int32();
                scan.Bytes();
            }

            toSend = TakePendingFor(worker);
            if (worker.IsRetiring && worker.InFlight.Count == 0)
            {
                worker.Retire();
            }

            RetireIdleWorkersIfDone();
        }

        Send(worker, toSend); // the worker's next work first: completing these may take a while
        foreach (var chunk in done)
        {
            reader.Int64();
            var results = reader.Bytes();
            int errorCount = reader.Int32();
            var errorReader = new PayloadReader(reader.Bytes());
            if (chunk is null)
            {
                continue; // already failed (its operation was terminated)
            }

            chunk.Cancellation.Dispose();
            if (chunk.TimedOut)
            {
                chunk.Fail(TimedOut(chunk, worker, killed: false)); // it honoured its cancellation within the grace period
                continue;
            }

            var errors = new Dictionary<int, Exception>(errorCount);
            for (int i = 0; i < errorCount; i++)
            {
                int index = errorReader.Int32();
                errors[index] = new ProcessTargetException(
                    chunk.TargetName, worker.Name, worker.Pid, errorReader.String(), errorReader.String(), errorReader.String(), chunk.First + index);
            }

            var resultReader = new ArgumentReader(results);
            chunk.Complete(ref resultReader, errors);
        }
    }

    internal void OnInitializerFailed(PoolWorker worker, byte[] payload)
    {
        var reader = new PayloadReader(payload);
        var remote = new ProcessTargetException(_options.Initializer!.TargetName, worker.Name, worker.Pid, reader.String(), reader.String(), reader.String());
        List<PoolWorker> others;
        lock (_gate)
        {
            _fault ??= new ChildProcessStartException(
                $"The pool's initializer {_options.Initializer.TargetName} failed in worker {worker.Name} (pid {worker.Pid}): {remote.RemoteType}: {remote.RemoteMessage}. " +
                "The pool runs no tasks; fix the initializer and create a new pool.", _options.Initializer.TargetName, worker.Name, worker.Pid, remote);
            FailPending(_fault);
            others = [.. _workers];
        }

        others.ForEach(static w => w.Kill());
    }

    internal void OnWorkerExited(PoolWorker worker)
    {
        List<Chunk> lost;
        List<(PoolWorker Worker, List<Chunk> Chunks)> resend = [];
        lock (_gate)
        {
            _workers.Remove(worker);
            // A worker runs its chunks in the order it got them: only the first was running when it died.
            // The others never started: they go back to the queue, untouched.
            var held = worker.InFlight.Values.OrderBy(static c => c.AssignedOrder).ToList();
            worker.InFlight.Clear();
            lost = held.Take(1).ToList();
            foreach (var waiting in Enumerable.Reverse(held.Skip(1).ToList()))
            {
                if (!waiting.TimedOut)
                {
                    _pending.AddFirst(waiting);
                }
                else
                {
                    lost.Add(waiting);
                }
            }

            bool crashedBeforeReady = !worker.IsReady && _fault is null && !_terminated;
            if (crashedBeforeReady && worker.Refusal is { } refusal)
            {
                // another build of the program: every replacement would be refused the same way
                _fault = new ChildProcessStartException($"{refusal} The pool runs no tasks.", "ProcessPool worker", worker.Name, worker.Pid);
                FailPending(_fault);
            }
            else if (crashedBeforeReady && ++_startFailures >= MaxStartFailures)
            {
                _fault = new ChildProcessStartException(
                    $"Pool workers exit before they are ready ({MaxStartFailures} in a row; the last, {worker.Name} pid {worker.Pid}, with exit code {worker.ExitCode}). " +
                    "Look at their standard error above.", "ProcessPool worker", worker.Name, worker.Pid);
                FailPending(_fault);
            }

            for (int i = lost.Count - 1; i >= 0; i--)
            {
                var chunk = lost[i];
                if (!chunk.TimedOut && !chunk.IsAbandoned && _fault is null && !_terminated && chunk.Crashes < _options.RetriesAfterWorkerCrash)
                {
                    chunk.Crashes++;
                    _pending.AddFirst(chunk);
                    lost.RemoveAt(i);
                }
            }

            if (_fault is null && !_terminated && !(_closed && _pending.Count == 0 && _workers.All(static w => w.InFlight.Count == 0)))
            {
                var replacement = StartWorker();
                if (replacement is null)
                {
                    FailPending(_fault!);
                }
            }
        }

        foreach (var chunk in lost)
        {
            chunk.Cancellation.Dispose();
            chunk.Fail(chunk.TimedOut
                ? TimedOut(chunk, worker, killed: true)
                : _fault as Exception ?? new ChildProcessCrashedException(chunk.TargetName, worker.Name, worker.Pid, worker.ExitCode ?? 0,
                    chunk.Count == 1 ? $"item {chunk.First}" : $"items {chunk.First}-{chunk.First + chunk.Count - 1}"));
        }

        CheckAllExited();
    }

    private TimeoutException TimedOut(Chunk chunk, PoolWorker worker, bool killed) => new(
        $"Process target {chunk.TargetName} (item {chunk.First}) did not finish within {_options.TaskTimeout} in worker {worker.Name} (pid {worker.Pid}); " +
        (killed ? $"it ignored its cancellation for {_options.TimeoutGracePeriod}, so the worker was killed and replaced." : "it was cancelled."));

    private void Submit(Chunk chunk)
    {
        PoolWorker? worker;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_terminated, this);
            if (_fault is not null)
            {
                throw _fault;
            }

            if (_closed)
            {
                throw new InvalidOperationException("The pool was closed: it takes no more work.");
            }

            worker = PickWorker();
            if (worker is null)
            {
                _pending.AddLast(chunk);
                return;
            }

            Assign(worker, chunk);
        }

        Send(worker, [chunk]);
    }

    /// <summary>Gives a chunk to a worker; a worker that reached its task limit takes no more. Under the lock.</summary>
    private void Assign(PoolWorker worker, Chunk chunk)
    {
        chunk.AssignedOrder = ++_assignments;
        worker.InFlight[chunk.Id] = chunk;
        worker.ItemsAssigned += chunk.Count;
        if (worker.ItemsAssigned >= _options.MaxTasksPerWorker)
        {
            worker.IsRetiring = true;
        }
    }

    /// <summary>
    /// The ready worker holding the fewest chunks, if one has room. A busy worker gets a second chunk (so it never idles
    /// between chunks) only when no other worker, ready or starting, is without work. Under the lock.
    /// </summary>
    private PoolWorker? PickWorker()
    {
        PoolWorker? best = null;
        foreach (var worker in _workers)
        {
            if (worker.IsReady && !worker.IsRetiring && worker.InFlight.Count < Capacity(worker) && (best is null || worker.InFlight.Count < best.InFlight.Count))
            {
                best = worker;
            }
        }

        return best is { InFlight.Count: > 0 } && IdleWorkersBesides(best) > 0 ? null : best;
    }

    /// <summary>Workers other than <paramref name="worker"/> that hold nothing (including those still starting). Under the lock.</summary>
    private int IdleWorkersBesides(PoolWorker worker)
    {
        int idle = 0;
        foreach (var other in _workers)
        {
            if (other != worker && !other.IsRetiring && other.InFlight.Count == 0)
            {
                idle++;
            }
        }

        return idle;
    }

    private int Capacity(PoolWorker worker) =>
        _options.TaskTimeout is not null ? 1 : worker.ChunkTime < QuickChunk ? QuickChunksPerWorker : ChunksPerWorker;

    /// <summary>Moves pending chunks to <paramref name="worker"/> while it has room. Under the lock.</summary>
    private List<Chunk> TakePendingFor(PoolWorker worker)
    {
        var chunks = new List<Chunk>();
        while (worker.IsReady && !worker.IsRetiring && worker.InFlight.Count < Capacity(worker) && _pending.First is { } node &&
               (worker.InFlight.Count == 0 || _pending.Count > IdleWorkersBesides(worker)))
        {
            _pending.RemoveFirst();
            if (node.Value.IsAbandoned)
            {
                continue;
            }

            Assign(worker, node.Value);
            chunks.Add(node.Value);
        }

        return chunks;
    }

    private static void Send(PoolWorker worker, List<Chunk> chunks)
    {
        foreach (var chunk in chunks)
        {
            chunk.SentAt = Stopwatch.GetTimestamp();
            if (chunk.CancellationToken.CanBeCanceled)
            {
                chunk.Cancellation.Dispose(); // sent again after a crash: cancel through its new worker
                chunk.Cancellation = chunk.CancellationToken.UnsafeRegister(static (state, _) =>
                {
                    var (w, c) = ((PoolWorker, Chunk))state!;
                    w.Cancel(c.Id);
                }, (worker, chunk));
            }

            worker.Send(chunk); // if the worker is gone, its exit handler deals with the chunk
        }
    }

    /// <summary>Starts a worker. Under the lock. <see langword="null"/> if it could not start (the pool is then faulted).</summary>
    private PoolWorker? StartWorker()
    {
        string name = $"PoolWorker-{Interlocked.Increment(ref s_workerCounter)}";
        PoolWorker worker;
        try
        {
            worker = new PoolWorker(this, name, _options.Initializer);
        }
        catch (IOException e)
        {
            _fault ??= new ChildProcessStartException($"Could not start pool worker {name}: its shared-memory task and result logs could not be created: {e.Message}", "ProcessPool worker", name, 0, e);
            return null;
        }

        try
        {
            worker.Launch(ReadOnlyMemory<byte>.Empty, CancellationToken.None);
        }
        catch (ChildProcessStartException e)
        {
            worker.CloseLogs();
            _fault ??= e;
            return null;
        }

        _workers.Add(worker);
        return worker;
    }

    /// <summary>After <see cref="Close"/>, once no work remains, idle workers leave. Under the lock.</summary>
    private void RetireIdleWorkersIfDone()
    {
        if (_closed && _pending.Count == 0 && _workers.All(static w => w.InFlight.Count == 0))
        {
            foreach (var worker in _workers)
            {
                worker.IsRetiring = true;
                worker.Retire();
            }
        }
    }

    /// <summary>Fails every chunk not yet sent. Under the lock.</summary>
    private void FailPending(Exception error)
    {
        var pending = _pending.ToList();
        _pending.Clear();
        // outcomes are delivered off the lock's thread: a continuation must not run under our lock
        _ = Task.Run(() => pending.ForEach(chunk => chunk.Fail(error)));
    }

    private void CheckAllExited()
    {
        lock (_gate)
        {
            if (_closed && _workers.Count == 0)
            {
                _allExited.TrySetResult();
            }
        }
    }

    private void CheckTimeouts()
    {
        long now = Stopwatch.GetTimestamp();
        var timeout = _options.TaskTimeout!.Value;
        List<(PoolWorker Worker, Chunk Chunk, bool Kill)> expired = [];
        lock (_gate)
        {
            foreach (var worker in _workers)
            {
                foreach (var chunk in worker.InFlight.Values)
                {
                    var elapsed = Stopwatch.GetElapsedTime(chunk.SentAt, now);
                    if (!chunk.TimedOut && elapsed > timeout)
                    {
                        chunk.TimedOut = true;
                        expired.Add((worker, chunk, false));
                    }
                    else if (chunk.TimedOut && elapsed > timeout + _options.TimeoutGracePeriod)
                    {
                        expired.Add((worker, chunk, true));
                    }
                }
            }
        }

        foreach (var (worker, chunk, kill) in expired)
        {
            if (kill)
            {
                worker.Kill();
            }
            else
            {
                worker.Cancel(chunk.Id);
            }
        }
    }

    /// <summary>Reads the input lazily and submits chunks, at most a window of them ahead of the consumer.</summary>
    private async Task ProduceAsync<TArgs, TResult>(ProcessTarget<TArgs, TResult> target, IAsyncEnumerable<TArgs> items, MapOptions? options, StreamBatch<TResult> batch, SemaphoreSlim window, CancellationToken cancellationToken)
    {
        try
        {
            int fixedSize = FixedChunkSize(options);
            int size = fixedSize > 0 ? fixedSize : 1;
            int index = 0, first = 0;
            var writer = new ArgumentWriter();
            await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                target.WriteArguments(writer, item);
                if (++index - first == size)
                {
                    await SubmitStreamChunkAsync(writer, first, index - first).ConfigureAwait(false);
                    writer = new ArgumentWriter();
                    first = index;
                    if (fixedSize == 0)
                    {
                        size = Math.Min(size * 2, 1024); // unknown length: grow the chunks as the stream proves long
                    }
                }
            }

            if (index > first)
            {
                await SubmitStreamChunkAsync(writer, first, index - first).ConfigureAwait(false);
            }

            batch.InputDone();
        }
        catch (Exception e)
        {
            batch.Done.Writer.TryComplete(e is OperationCanceledException ? null : e);
        }

        async Task SubmitStreamChunkAsync(ArgumentWriter arguments, int start, int count)
        {
            await window.WaitAsync(cancellationToken).ConfigureAwait(false);
            batch.Submitted();
            Submit(new Chunk<TResult>(batch, target.Id, target.Name, start, count, arguments.WrittenMemory));
        }
    }

    private static async IAsyncEnumerable<T> ToAsync<T>(IEnumerable<T> items)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        foreach (var item in items)
        {
            yield return item;
        }
    }

    private int FixedChunkSize(MapOptions? options)
    {
        if (_options.TaskTimeout is not null)
        {
            return 1; // a timeout is per task
        }

        if (options?.ChunkSize is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(MapOptions.ChunkSize));
            return size;
        }

        return 0;
    }

    /// <summary>
    /// Guided chunking: big chunks first, smaller as the work runs out, so no worker is left with a long tail; never
    /// more than <see cref="MaxAutomaticChunk"/> items, so the parent's serializing and the workers' running overlap.
    /// </summary>
    private int GuidedChunkSize(int total, int remaining) =>
        Math.Clamp(Math.Max((remaining + (WorkerCount * 4) - 1) / (WorkerCount * 4), total / (WorkerCount * 32)), 1, MaxAutomaticChunk);

    private const int MaxAutomaticChunk = 1024;
}
