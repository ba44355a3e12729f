using System.Buffers;
using System.Collections.Concurrent;
using MemoryPack;
using Multiprocessing.Channels;
using Multiprocessing.Manager;
using Multiprocessing.Shared;

namespace Multiprocessing;

/// <summary>
/// Serves shared objects to every process: Python's <c>multiprocessing.Manager()</c>. A dictionary, a list or a value
/// created here lives in this process; what you get is a proxy, which you can pass to a
/// <see cref="ProcessTargetAttribute">process target</see> (the child's proxy reaches the same object) and use from any
/// process and thread. Each operation is one atomic round trip; batched operations (<c>SetMany</c>, <c>GetMany</c>,
/// <c>Snapshot</c>, <c>AddRange</c>) and server-side updates (<c>Update</c>, <c>AddOrUpdate</c>) do many things in one.
/// </summary>
/// <remarks>
/// <para>Unlike Python's, this manager starts no process: the process that creates it serves its objects on
/// background threads (one per connected process), and its own proxies call the objects directly. A round trip from
/// another process goes through shared memory and takes a few microseconds.</para>
/// <para>The objects live as long as the manager: <see cref="Dispose"/> it (or let the program end) when every process
/// is done with them. Proxies used afterwards throw <see cref="ObjectDisposedException"/>. A process that uses the
/// manager and dies leaves nothing behind and does not disturb the others. Linux only.</para>
/// <code>
/// using var manager = new ProcessManager();
/// var counts = manager.Dictionary&lt;string, int&gt;();
/// await Workers.Targets.Count.Start(counts, "apple");   // the child writes counts["apple"]
/// Console.WriteLine(counts["apple"]);
/// </code>
/// </remarks>
public sealed class ProcessManager : IDisposable
{
    private static readonly ConcurrentDictionary<string, ProcessManager> s_local = new();

    private readonly MessageLog _accept;
    private readonly LocalEndpoint _local;
    private readonly Lock _gate = new();
    private readonly List<ServerConnection> _connections = [];
    private readonly List<IDisposable> _owned = [];
    private Thread? _acceptThread; // started when a proxy first leaves this process (a thread costs 0.2-0.7 ms to start)
    private ServedObject?[] _objects = new ServedObject?[8];
    private int _objectCount;
    private volatile bool _disposed;

    /// <summary>Starts a manager served by this process (a background thread; no process is started).</summary>
    public ProcessManager()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("ProcessManager needs Linux shared memory (/dev/shm and futexes).");
        }

        _accept = MessageLog.Create("manager", ManagerWire.AcceptHash, capacity: 0);
        _local = new LocalEndpoint(this);
        s_local[Name] = this;
    }

    /// <summary>The manager's address: what a proxy carries to another process (a name under <c>/dev/shm</c>).</summary>
    public string Name => _accept.Name;

    /// <summary>The process that serves the objects: the one that created the manager.</summary>
    public int ProcessId { get; } = Environment.ProcessId;

    /// <summary>Whether <see cref="Dispose"/> was called.</summary>
    public bool IsDisposed => _disposed;

    /// <summary>How many processes other than this one are connected now.</summary>
    public int ConnectedProcesses
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count(c => c.IsServing);
            }
        }
    }

    // ---- shared objects ---------------------------------------------------------------------------------------

    /// <summary>Creates an empty shared dictionary (Python's <c>manager.dict()</c>).</summary>
    /// <typeparam name="TKey">The key type: anything a target parameter can be.</typeparam>
    /// <typeparam name="TValue">The value type: anything a target parameter can be.</typeparam>
    public ManagedDictionary<TKey, TValue> Dictionary<TKey, TValue>()
        where TKey : notnull =>
        new(Serve(id => new ServedDictionary<TKey, TValue>(id, Name)));

    /// <summary>Creates a shared dictionary holding a copy of <paramref name="contents"/> (Python's <c>manager.dict(mapping)</c>).</summary>
    /// <typeparam name="TKey">The key type: anything a target parameter can be.</typeparam>
    /// <typeparam name="TValue">The value type: anything a target parameter can be.</typeparam>
    public ManagedDictionary<TKey, TValue> Dictionary<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>> contents)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(contents);
        var dictionary = Dictionary<TKey, TValue>();
        dictionary.SetMany(contents);
        return dictionary;
    }

    /// <summary>Creates an empty shared list (Python's <c>manager.list()</c>).</summary>
    /// <typeparam name="T">The item type: anything a target parameter can be.</typeparam>
    public ManagedList<T> List<T>() => new(Serve(id => new ServedList<T>(id, Name)));

    /// <summary>Creates a shared list holding a copy of <paramref name="items"/> (Python's <c>manager.list(sequence)</c>).</summary>
    /// <typeparam name="T">The item type: anything a target parameter can be.</typeparam>
    public ManagedList<T> List<T>(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = List<T>();
        list.AddRange(items);
        return list;
    }

    /// <summary>Creates a shared value (Python's <c>manager.Value(typecode, value)</c>, for any serializable type).</summary>
    /// <typeparam name="T">The value's type: anything a target parameter can be.</typeparam>
    /// <param name="initialValue">The value to start with.</param>
    public ManagedValue<T> Value<T>(T initialValue = default!) => new(Serve(id => new ServedValue<T>(id, Name, initialValue)));

    // ---- synchronisation and queues (shared memory, owned by the manager) -------------------------------------

    /// <summary>
    /// Creates a <see cref="ProcessQueue{T}"/> owned by the manager (Python's <c>manager.Queue()</c>): disposed with it.
    /// Items travel through shared memory directly, not through the manager.
    /// </summary>
    /// <typeparam name="T">The item type: anything a target parameter can be.</typeparam>
    public ProcessQueue<T> Queue<T>() => Own(new ProcessQueue<T>());

    /// <summary>Creates a bounded <see cref="ProcessQueue{T}"/> owned by the manager: disposed with it.</summary>
    /// <typeparam name="T">The item type: anything a target parameter can be.</typeparam>
    /// <param name="capacity">The most items the queue holds; writers wait for room beyond it.</param>
    public ProcessQueue<T> Queue<T>(int capacity) => Own(new ProcessQueue<T>(capacity));

    /// <summary>Creates a <see cref="ProcessLock"/> owned by the manager (Python's <c>manager.Lock()</c>): disposed with it.</summary>
    public ProcessLock Lock() => Own(new ProcessLock());

    /// <summary>Creates a <see cref="ProcessEvent"/> owned by the manager (Python's <c>manager.Event()</c>): disposed with it.</summary>
    /// <param name="initiallySet">Whether the event starts set.</param>
    public ProcessEvent Event(bool initiallySet = false) => Own(new ProcessEvent(initiallySet));

    /// <summary>Creates a <see cref="ProcessSemaphore"/> owned by the manager (Python's <c>manager.Semaphore()</c>): disposed with it.</summary>
    /// <param name="initialCount">The number of entries available at first.</param>
    /// <param name="maximumCount">The most entries available at once.</param>
    public ProcessSemaphore Semaphore(int initialCount, int maximumCount = int.MaxValue) => Own(new ProcessSemaphore(initialCount, maximumCount));

    /// <summary>Creates a <see cref="ProcessBarrier"/> owned by the manager (Python's <c>manager.Barrier()</c>): disposed with it.</summary>
    /// <param name="participantCount">How many processes (or threads) meet at the barrier.</param>
    public ProcessBarrier Barrier(int participantCount) => Own(new ProcessBarrier(participantCount));

    // ---- lifetime ---------------------------------------------------------------------------------------------

    /// <summary>
    /// Stops serving: the shared objects are dropped, the queues and locks created here are disposed, and proxies in
    /// every process throw <see cref="ObjectDisposedException"/> from then on (a call in progress in another process
    /// gets its answer, or the exception). Waits at most a second for the serving threads to finish what they run.
    /// </summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _accept.Complete();
        ServerConnection[] connections;
        lock (_gate)
        {
            connections = [.. _connections];
        }

        foreach (var connection in connections)
        {
            connection.Stop();
        }

        long deadline = Environment.TickCount64 + 1000;
        Thread? acceptThread;
        lock (_gate)
        {
            acceptThread = _acceptThread;
        }

        if (acceptThread is null || acceptThread.Join(TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64))))
        {
            _accept.Dispose(removeFiles: true); // only once its thread is gone: it maps the log
        }

        foreach (var connection in connections)
        {
            connection.Join(Math.Max(0, (int)(deadline - Environment.TickCount64)));
        }

        IDisposable[] owned;
        lock (_gate)
        {
            owned = [.. _owned];
            _owned.Clear();
            _objects = [];
        }

        foreach (var item in owned)
        {
            item.Dispose();
        }

        s_local.TryRemove(new KeyValuePair<string, ProcessManager>(Name, this));
    }

    /// <inheritdoc/>
    public override string ToString() => $"{ManagerWire.DescribeManager(Name)}{(_disposed ? ", disposed" : "")}";

    // ---- serving ----------------------------------------------------------------------------------------------

    /// <summary>
    /// A proxy of manager <paramref name="name"/> is about to leave this process: if this process serves it, start
    /// accepting connections (a manager whose proxies never leave its process never starts a thread).
    /// </summary>
    internal static void BeforeSending(string name)
    {
        if (s_local.TryGetValue(name, out var manager))
        {
            manager.StartServing();
        }
    }

    /// <summary>Starts the thread that accepts connections from other processes, once.</summary>
    internal void StartServing()
    {
        if (Volatile.Read(ref _acceptThread) is not null)
        {
            return;
        }

        lock (_gate)
        {
            if (_acceptThread is null && !_disposed)
            {
                var thread = new Thread(Accept) { IsBackground = true, Name = "Multiprocessing manager accept" };
                thread.Start();
                _acceptThread = thread;
            }
        }
    }

    /// <summary>How a proxy in this process reaches manager <paramref name="name"/>.</summary>
    internal static ManagerEndpoint EndpointFor(string name)
    {
        if (s_local.TryGetValue(name, out var manager))
        {
            return manager._local;
        }

        if (SharedMemoryFile.OwnerOf(name) == Environment.ProcessId)
        {
            throw ManagerWire.Disposed(name, "was disposed");
        }

        return ManagerConnection.For(name);
    }

    private ProxyCore Serve(Func<int, ServedObject> create)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            int id = _objectCount + 1;
            var served = create(id);
            if (id >= _objects.Length)
            {
                var grown = new ServedObject?[_objects.Length * 2];
                _objects.CopyTo(grown, 0);
                _objects = grown;
            }

            _objects[id] = served;
            _objectCount = id;
            return new ProxyCore(Name, id, served.TypeHash, served.TypeDisplay, _local);
        }
    }

    private T Own<T>(T item)
        where T : IDisposable
    {
        lock (_gate)
        {
            if (_disposed)
            {
                item.Dispose();
                ThrowIfDisposed();
            }

            _owned.Add(item);
            return item;
        }
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw ManagerWire.Disposed(Name, "was disposed");
        }
    }

    /// <summary>Runs one request (from any process) and writes its response; never throws.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal void Dispatch(ReadOnlySpan<byte> request, CallBuffers buffers)
    {
        buffers.Response.ResetWrittenCount();
        ServedObject? target = null;
        try
        {
            using var readerState = MemoryPackReaderOptionalStatePool.Rent(null);
            using var writerState = MemoryPackWriterOptionalStatePool.Rent(null);
            var reader = new MemoryPackReader(request, readerState);
            int id;
            byte operation;
            long typeHash;
            try
            {
                reader.ReadUnmanaged(out id, out operation, out typeHash);
            }
            catch (Exception e) when (e is MemoryPackSerializationException or ArgumentException)
            {
                throw new ManagerError(ManagerErrorKind.BadRequest, $"A request to the {ManagerWire.DescribeManager(Name)} is corrupt ({request.Length} bytes): {e.Message}");
            }

            if (_disposed)
            {
                throw new ManagerError(ManagerErrorKind.Disposed, "disposed");
            }

            var objects = _objects;
            target = (uint)id < (uint)objects.Length ? objects[id] : null;
            if (target is null)
            {
                throw new ManagerError(ManagerErrorKind.UnknownObject, $"The {ManagerWire.DescribeManager(Name)} serves no object #{id}: the request is corrupt, or the proxy belongs to another manager.");
            }

            if (target.TypeHash != typeHash)
            {
                throw new ManagerError(ManagerErrorKind.TypeMismatch, target.TypeDisplay);
            }

            var writer = new MemoryPackWriter<ArrayBufferWriter<byte>>(ref buffers.Response, writerState);
            writer.WriteUnmanaged(ManagerWire.Ok);
            lock (target.Gate)
            {
                target.Handle(operation, ref reader, ref writer);
            }

            writer.Flush();
        }
        catch (Exception e)
        {
            buffers.Response.ResetWrittenCount();
            WriteError(buffers, e, target);
        }
    }

    private void WriteError(CallBuffers buffers, Exception e, ServedObject? target)
    {
        string what = target?.Description ?? $"the {ManagerWire.DescribeManager(Name)}";
        (ManagerErrorKind kind, string message, string type, string stack) = e switch
        {
            ManagerError error => (error.Kind, error.Message, "", ""),
            FunctionFailure failure => (ManagerErrorKind.FunctionFailed,
                $"The update function {failure.TargetName} threw {failure.InnerException!.GetType().FullName} in the manager's process (pid {Environment.ProcessId}) while updating {what}: {failure.InnerException.Message}. The object was not changed.",
                failure.InnerException.GetType().FullName ?? "", failure.InnerException.ToString()),
            KeyNotFoundException => (ManagerErrorKind.KeyNotFound, e.Message, "", ""),
            ArgumentOutOfRangeException => (ManagerErrorKind.ArgumentOutOfRange, e.Message, "", ""),
            MemoryPackSerializationException or InvalidDataException or ArgumentException or IndexOutOfRangeException or OverflowException => (ManagerErrorKind.BadRequest,
                $"A request to {what} could not be read: {e.Message} (is the request corrupt, or do the two processes disagree on a type's serialized shape?)", "", ""),
            _ => (ManagerErrorKind.InvalidOperation, $"{what} failed: {e.GetType().Name}: {e.Message}", e.GetType().FullName ?? "", e.ToString()),
        };

        using var writerState = MemoryPackWriterOptionalStatePool.Rent(null);
        var writer = new MemoryPackWriter<ArrayBufferWriter<byte>>(ref buffers.Response, writerState);
        writer.WriteUnmanaged(ManagerWire.Error, (byte)kind);
        writer.WriteString(message);
        writer.WriteString(type);
        writer.WriteString(stack);
        writer.Flush();
    }

    /// <summary>Takes connection requests from other processes: each gets its own serving thread.</summary>
    private void Accept()
    {
        MessageLog.MessageReader<(int Pid, string Requests, string Responses)> parse = static span =>
        {
            using var state = MemoryPackReaderOptionalStatePool.Rent(null);
            var reader = new MemoryPackReader(span, state);
            reader.ReadUnmanaged(out int pid);
            return (pid, reader.ReadString() ?? "", reader.ReadString() ?? "");
        };

        while (!_disposed)
        {
            (int Pid, string Requests, string Responses) hello;
            try
            {
                if (!_accept.TryRead(parse, out hello))
                {
                    _accept.WaitForData(-1, CancellationToken.None);
                    continue;
                }
            }
            catch (Exception e) when (e is MemoryPackSerializationException or InvalidDataException)
            {
                continue; // a corrupt connection request: nobody to answer
            }

            try
            {
                var connection = new ServerConnection(this, hello.Pid, hello.Requests, hello.Responses);
                lock (_gate)
                {
                    if (_disposed)
                    {
                        connection.Stop();
                    }

                    _connections.RemoveAll(c => !c.IsServing);
                    _connections.Add(connection);
                }

                connection.Start();
            }
            catch (Exception e) when (e is IOException or InvalidDataException or ObjectDisposedException or InvalidOperationException)
            {
                // the client went away before we opened its logs, or sent garbage: it will not be served
            }
        }
    }

    /// <summary>
    /// One connected process: a thread that waits for its requests (spinning briefly, then sleeping on a futex) and
    /// answers each in turn. It ends when the process dies or exits (checked every 100 ms while idle), or the manager
    /// is disposed.
    /// </summary>
    private sealed class ServerConnection
    {
        private readonly ProcessManager _manager;
        private readonly int _pid;
        private readonly MessageLog _requests, _responses;
        private readonly CallBuffers _buffers = new();
        private readonly MessageLog.MessageReader<bool> _handle;
        private readonly Action _checkClient;
        private readonly Thread _thread;
        private readonly Lock _life = new(); // Stop() must not touch the logs once the thread has unmapped them
        private volatile bool _stopping, _ended;

        public ServerConnection(ProcessManager manager, int pid, string requests, string responses)
        {
            _manager = manager;
            _pid = pid;
            _requests = MessageLog.Open("manager requests", requests, ManagerWire.RequestHash, "manager request");
            try
            {
                _responses = MessageLog.Open("manager responses", responses, ManagerWire.ResponseHash, "manager response");
            }
            catch
            {
                _requests.Dispose(removeFiles: false);
                throw;
            }

            _handle = span =>
            {
                _manager.Dispatch(span, _buffers);
                return true;
            };
            _checkClient = () =>
            {
                if (!Linux.ProcessExists(_pid))
                {
                    throw new ClientGone();
                }
            };
            _thread = new Thread(Serve) { IsBackground = true, Name = $"Multiprocessing manager, client {pid}" };
        }

        public bool IsServing => !_ended;

        public void Start() => _thread.Start();

        /// <summary>Tells the client the manager is gone and wakes the serving thread.</summary>
        public void Stop()
        {
            lock (_life)
            {
                _stopping = true;
                if (!_ended)
                {
                    _responses.Complete();
                    _requests.Complete();
                }
            }
        }

        public void Join(int milliseconds)
        {
            if (_thread.ThreadState != ThreadState.Unstarted)
            {
                _thread.Join(milliseconds);
            }
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private void Serve()
        {
            try
            {
                while (!_stopping)
                {
                    if (_requests.TryRead(_handle, out _))
                    {
                        _responses.Write(_buffers.Response.WrittenSpan);
                        _buffers.Trim();

                        continue;
                    }

                    if (_requests.IsCompleted)
                    {
                        break; // the manager stops
                    }

                    _requests.WaitForData(-1, CancellationToken.None, _checkClient);
                }
            }
            catch (ClientGone)
            {
            }
            catch (Exception e) when (e is IOException or InvalidDataException or ObjectDisposedException)
            {
                // the client's logs are corrupt or gone: stop serving it (it gets an error or is dead)
                try
                {
                    _responses.Complete();
                }
                catch (Exception)
                {
                }
            }
            finally
            {
                lock (_life)
                {
                    _ended = true;
                    bool clientGone = !Linux.ProcessExists(_pid);
                    // The logs belong to the client; remove them if it died (nobody else will), otherwise it does.
                    _requests.Dispose(removeFiles: clientGone);
                    _responses.Dispose(removeFiles: clientGone);
                }
            }
        }

        private sealed class ClientGone : Exception;
    }
}

/// <summary>
/// A process's connection to a manager served by another process: a request log and a response log this process
/// creates, announced to the manager through its accept log. One per manager per process, shared by every proxy and
/// thread of the process (calls take turns).
/// </summary>
internal sealed class ManagerConnection : ManagerEndpoint
{
    private static readonly Dictionary<string, ManagerConnection> s_connections = [];

    private readonly string _name;
    private readonly int _server;
    private readonly MessageLog _accept, _requests, _responses;
    private readonly Lock _gate = new();
    private readonly CallBuffers _buffers = new();
    private readonly MessageLog.MessageReader<bool> _copy;
    private readonly Action _checkServer;
    private bool _broken;

    private ManagerConnection(string name)
    {
        _name = name;
        _server = SharedMemoryFile.OwnerOf(name);
        try
        {
            _accept = MessageLog.Open("manager", name, ManagerWire.AcceptHash, "manager connection");
        }
        catch (ObjectDisposedException)
        {
            throw ManagerWire.Disposed(name);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"'{name}' is not a ProcessManager: {e.Message}", e);
        }

        if (_accept.IsCompleted)
        {
            _accept.Dispose(removeFiles: false);
            throw ManagerWire.Disposed(name);
        }

        _requests = MessageLog.Create("manager requests", ManagerWire.RequestHash, capacity: 0);
        _responses = MessageLog.Create("manager responses", ManagerWire.ResponseHash, capacity: 0);
        _requests.WriterPid = _responses.ReaderPid = Environment.ProcessId;
        _copy = span =>
        {
            var response = _buffers.Response;
            response.ResetWrittenCount();
            span.CopyTo(response.GetSpan(span.Length));
            response.Advance(span.Length);
            return true;
        };
        _checkServer = () =>
        {
            if (_responses.IsCompleted || _accept.IsCompleted || !Linux.ProcessExists(_server))
            {
                throw Broken();
            }
        };

        var hello = new ArrayBufferWriter<byte>(128);
        using (var state = MemoryPackWriterOptionalStatePool.Rent(null))
        {
            var writer = new MemoryPackWriter<ArrayBufferWriter<byte>>(ref hello, state);
            writer.WriteUnmanaged(Environment.ProcessId);
            writer.WriteString(_requests.Name);
            writer.WriteString(_responses.Name);
            writer.Flush();
        }

        _accept.Write(hello.WrittenSpan);
    }

    /// <summary>This process's connection to manager <paramref name="name"/>, made on first use.</summary>
    public static ManagerConnection For(string name)
    {
        lock (s_connections)
        {
            if (s_connections.TryGetValue(name, out var existing) && !existing._broken)
            {
                return existing;
            }

            var connection = new ManagerConnection(name);
            s_connections[name] = connection;
            return connection;
        }
    }

    public override CallBuffers Acquire()
    {
        _gate.Enter();
        if (_broken)
        {
            _gate.Exit();
            throw ManagerWire.Disposed(_name);
        }

        return _buffers;
    }

    public override void Release(CallBuffers buffers)
    {
        buffers.Trim();
        _gate.Exit();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Exchange(CallBuffers buffers)
    {
        _requests.Write(buffers.Request.WrittenSpan);
        while (true)
        {
            if (_responses.TryRead(_copy, out _))
            {
                return;
            }

            if (_responses.IsCompleted)
            {
                throw Broken();
            }

            _responses.WaitForData(-1, CancellationToken.None, _checkServer);
        }
    }

    private ObjectDisposedException Broken()
    {
        _broken = true;
        return ManagerWire.Disposed(_name, Linux.ProcessExists(_server) ? "was disposed" : $"is gone: its process (pid {_server}) exited");
    }
}
