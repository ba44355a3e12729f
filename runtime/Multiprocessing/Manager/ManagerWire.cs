using System.Buffers;
using System.Runtime.CompilerServices;
using MemoryPack;
using Multiprocessing.Serialization;

namespace Multiprocessing.Manager;

/// <summary>
/// The manager's wire format. A request is <c>[int object id][byte operation][long type hash][arguments…]</c>, a
/// response <c>[byte status][result…]</c> or <c>[byte status = error][byte kind][message][remote type][remote stack]</c>;
/// values are MemoryPack, written and read with one <see cref="MemoryPackWriter{TBufferWriter}"/> per message (a
/// batch of a million items is one message, not a million serializer calls).
/// </summary>
internal static class ManagerWire
{
    public const byte Ok = 0, Error = 1;

    /// <summary>Type hashes of the three kinds of logs (so a log is never opened as another kind).</summary>
    public static readonly long AcceptHash = Hash("Multiprocessing.ProcessManager/accept"),
        RequestHash = Hash("Multiprocessing.ProcessManager/requests"),
        ResponseHash = Hash("Multiprocessing.ProcessManager/responses");

    /// <summary>Writes one value (the seam to the serializer).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write<T>(ref MemoryPackWriter<ArrayBufferWriter<byte>> writer, in T value) => writer.WriteValue(value);

    /// <summary>Reads one value (the seam to the serializer).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Read<T>(ref MemoryPackReader reader) => reader.ReadValue<T>()!;

    /// <summary>Reads an element count and checks it against what is left of the message (a corrupt count must not allocate gigabytes).</summary>
    public static int ReadCount(ref MemoryPackReader reader)
    {
        reader.ReadUnmanaged(out int count);
        if (count < 0 || count > reader.Remaining)
        {
            throw new InvalidDataException($"an element count of {count} with {reader.Remaining} bytes left");
        }

        return count;
    }

    /// <summary>Writes a count and then <paramref name="count"/> items (a null one is refused when <paramref name="checkKeys"/>).</summary>
    public static void WriteItems<T>(ref MemoryPackWriter<ArrayBufferWriter<byte>> w, int count, IEnumerable<T> items, bool checkKeys)
    {
        w.WriteUnmanaged(count);
        int written = 0;
        foreach (var item in items)
        {
            if (written++ == count)
            {
                break;
            }

            if (checkKeys && item is null)
            {
                throw new ArgumentNullException("keys", "A key is null.");
            }

            w.WriteValue(item);
        }

        if (written < count)
        {
            throw new InvalidOperationException("The items changed while they were being sent.");
        }
    }

    /// <summary>Reads a count and then as many items.</summary>
    public static T[] ReadArray<T>(ref MemoryPackReader r)
    {
        int count = ReadCount(ref r);
        var items = new T[count];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = r.ReadValue<T>()!;
        }

        return items;
    }

    /// <summary>A count for <paramref name="items"/>, materializing them only when they cannot be counted cheaply.</summary>
    public static int CountOf<T>(ref IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.TryGetNonEnumeratedCount(out int count))
        {
            return count;
        }

        var array = items.ToArray();
        items = array;
        return array.Length;
    }

    /// <summary>A fingerprint of a served object's kind and type arguments: proxy and object must agree on it.</summary>
    public static long Hash(string text)
    {
        ulong hash = 14695981039346656037;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211;
        }

        return (long)hash;
    }

    /// <summary>A C#-like name for error messages: <c>ManagedDictionary&lt;String, List&lt;Int32&gt;&gt;</c>.</summary>
    public static string Display(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        string name = type.Name;
        int tick = name.IndexOf('`');
        return $"{(tick < 0 ? name : name[..tick])}<{string.Join(", ", type.GetGenericArguments().Select(Display))}>";
    }

    /// <summary>A value as an error message shows it: short, and never a failure of its own.</summary>
    public static string Show<T>(T value)
    {
        string text;
        try
        {
            text = value?.ToString() ?? "null";
        }
        catch (Exception)
        {
            text = typeof(T).Name;
        }

        return text.Length <= 80 ? text : text[..77] + "...";
    }

    public static string DescribeManager(string name) => $"manager '{name}' (served by process {Shared.SharedMemoryFile.OwnerOf(name)})";

    public static ObjectDisposedException Disposed(string managerName, string? detail = null) => new(
        nameof(ProcessManager),
        $"The {DescribeManager(managerName)} {detail ?? "was disposed, or its process exited"}: the objects it served are gone. " +
        "Keep the manager alive (e.g. `using var manager = new ProcessManager();` in the parent) until every process that uses its proxies is done.");
}

/// <summary>What a served object reports as an error of a given kind; the client rethrows it as the matching .NET exception.</summary>
internal enum ManagerErrorKind : byte
{
    InvalidOperation = 1,
    KeyNotFound = 2,
    ArgumentOutOfRange = 3,
    TypeMismatch = 4,
    BadRequest = 5,
    FunctionFailed = 6,
    UnknownObject = 7,
    Disposed = 8,
}

/// <summary>An error the server reports with a kind of its choosing.</summary>
internal sealed class ManagerError(ManagerErrorKind kind, string message) : Exception(message)
{
    public ManagerErrorKind Kind { get; } = kind;
}

/// <summary>A function run by an atomic update threw: reported as <see cref="ManagedFunctionException"/>.</summary>
internal sealed class FunctionFailure(string targetName, Exception inner) : Exception(inner.Message, inner)
{
    public string TargetName { get; } = targetName;
}

/// <summary>The buffers of one call in progress: the request being written, the response being read.</summary>
internal sealed class CallBuffers
{
    public ArrayBufferWriter<byte> Request = new(256);
    public ArrayBufferWriter<byte> Response = new(256);
    public bool Busy;

    /// <summary>Drops a huge buffer after a huge batch, so that one snapshot of a million items is not kept alive.</summary>
    public void Trim()
    {
        if (Request.Capacity > 1 << 20)
        {
            Request = new(256);
        }

        if (Response.Capacity > 1 << 20)
        {
            Response = new(256);
        }
    }
}

/// <summary>How a proxy reaches its manager: directly in the manager's own process, over shared memory elsewhere.</summary>
internal abstract class ManagerEndpoint
{
    /// <summary>Buffers for one call; the caller gives them back with <see cref="Release"/>.</summary>
    public abstract CallBuffers Acquire();

    public abstract void Release(CallBuffers buffers);

    /// <summary>Sends the request in <paramref name="buffers"/> and waits for the response, which replaces it.</summary>
    public abstract void Exchange(CallBuffers buffers);
}

/// <summary>A proxy in the manager's own process: the request is dispatched on the caller's thread, no transport.</summary>
internal sealed class LocalEndpoint(ProcessManager manager) : ManagerEndpoint
{
    [ThreadStatic]
    private static CallBuffers? t_buffers;

    public override CallBuffers Acquire()
    {
        var buffers = t_buffers;
        if (buffers is null || buffers.Busy)
        {
            // a nested call (an update function that uses another proxy) gets its own buffers
            buffers = new CallBuffers();
            t_buffers ??= buffers;
        }

        buffers.Busy = true;
        return buffers;
    }

    public override void Release(CallBuffers buffers)
    {
        buffers.Busy = false;
        buffers.Trim();
    }

    public override void Exchange(CallBuffers buffers) => manager.Dispatch(buffers.Request.WrittenSpan, buffers);
}

/// <summary>Writes a request's arguments.</summary>
internal delegate void RequestArguments<TState>(ref MemoryPackWriter<ArrayBufferWriter<byte>> writer, in TState state);

/// <summary>Reads a response's result.</summary>
internal delegate TResult ResponseReader<TResult>(ref MemoryPackReader reader);

/// <summary>
/// What a proxy is: the manager's name and the object's id (all that crosses to another process), and the way to the
/// manager, found on first use.
/// </summary>
internal sealed class ProxyCore
{
    private ManagerEndpoint? _endpoint;

    public ProxyCore(string managerName, int objectId, long typeHash, string typeDisplay, ManagerEndpoint? endpoint = null)
    {
        ManagerName = managerName;
        ObjectId = objectId;
        TypeHash = typeHash;
        TypeDisplay = typeDisplay;
        _endpoint = endpoint;
    }

    public string ManagerName { get; }

    public int ObjectId { get; }

    public long TypeHash { get; }

    public string TypeDisplay { get; }

    public string Description => $"{TypeDisplay} #{ObjectId} of the {ManagerWire.DescribeManager(ManagerName)}";

    /// <summary>A request without arguments.</summary>
    public static readonly RequestArguments<byte> NoArguments = static (ref _, in _) => { };

    /// <summary>A response without a result.</summary>
    public static readonly ResponseReader<bool> NoResult = static (ref _) => true;

    /// <summary>A response that is one <see cref="bool"/>.</summary>
    public static readonly ResponseReader<bool> BoolResult = static (ref r) =>
    {
        r.ReadUnmanaged(out bool result);
        return result;
    };

    /// <summary>A response that is one <see cref="int"/>.</summary>
    public static readonly ResponseReader<int> IntResult = static (ref r) =>
    {
        r.ReadUnmanaged(out int result);
        return result;
    };

    /// <summary>One round trip: writes the request, waits for the response, reads the result or throws the error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TResult Call<TState, TResult>(byte operation, in TState state, RequestArguments<TState> write, ResponseReader<TResult> read)
    {
        var endpoint = _endpoint ??= ProcessManager.EndpointFor(ManagerName);
        var buffers = endpoint.Acquire();
        try
        {
            buffers.Request.ResetWrittenCount();
            using (var writerState = MemoryPackWriterOptionalStatePool.Rent(null))
            {
                var writer = new MemoryPackWriter<ArrayBufferWriter<byte>>(ref buffers.Request, writerState);
                writer.WriteUnmanaged(ObjectId, operation, TypeHash);
                write(ref writer, in state);
                writer.Flush();
            }

            endpoint.Exchange(buffers);
            using var readerState = MemoryPackReaderOptionalStatePool.Rent(null);
            var reader = new MemoryPackReader(buffers.Response.WrittenSpan, readerState);
            try
            {
                reader.ReadUnmanaged(out byte status);
                if (status != ManagerWire.Ok)
                {
                    throw ReadError(ref reader);
                }

                return read(ref reader);
            }
            catch (MemoryPackSerializationException e)
            {
                throw new InvalidDataException($"The reply of {Description} could not be read as this proxy's types: {e.Message}", e);
            }
        }
        finally
        {
            endpoint.Release(buffers);
        }
    }

    private Exception ReadError(ref MemoryPackReader reader)
    {
        reader.ReadUnmanaged(out byte kind);
        string message = reader.ReadString() ?? "";
        string remoteType = reader.ReadString() ?? "";
        string remoteStack = reader.ReadString() ?? "";
        return (ManagerErrorKind)kind switch
        {
            ManagerErrorKind.KeyNotFound => new KeyNotFoundException(message),
            ManagerErrorKind.ArgumentOutOfRange => new ArgumentOutOfRangeException("index", message),
            ManagerErrorKind.TypeMismatch => new InvalidOperationException(
                $"This proxy is a {TypeDisplay}, but object #{ObjectId} of the {ManagerWire.DescribeManager(ManagerName)} is a {message}. " +
                "A proxy must have the same type arguments as the object it was created for (check the target's parameter type)."),
            ManagerErrorKind.BadRequest => new InvalidDataException(message),
            ManagerErrorKind.FunctionFailed => new ManagedFunctionException(message, Description, remoteType, remoteStack),
            ManagerErrorKind.Disposed => ManagerWire.Disposed(ManagerName),
            _ => new InvalidOperationException(message),
        };
    }

    public override string ToString() => Description;
}

/// <summary>Runs a process target on the server for an atomic update: the same dispatch a child uses.</summary>
internal sealed class UpdateFunction
{
    private readonly ArgumentWriter _current = new();
    private readonly ArgumentWriter _result = new();
    private byte[] _arguments = new byte[256];
    private bool _running;

    /// <summary>
    /// Calls target <paramref name="targetId"/> with <paramref name="current"/> (then the caller's serialized extra
    /// argument) and returns its result. The caller holds the object's lock.
    /// </summary>
    public T Invoke<T>(string targetId, T current, ReadOnlySpan<byte> extraArgument, string description)
    {
        if (_running)
        {
            // the function updates the same object again (through a proxy in the manager's process): fresh buffers
            return new UpdateFunction().Invoke(targetId, current, extraArgument, description);
        }

        _running = true;
        try
        {
            return InvokeCore(targetId, current, extraArgument, description);
        }
        finally
        {
            _running = false;
        }
    }

    private T InvokeCore<T>(string targetId, T current, ReadOnlySpan<byte> extraArgument, string description)
    {
        var target = ProcessEntry.FindTarget(targetId) ?? throw new ManagerError(ManagerErrorKind.InvalidOperation,
            $"The update function '{targetId}' is not a process target registered in the manager's process (pid {Environment.ProcessId}), so {description} cannot run it. " +
            "Pass a generated descriptor (Type.Targets.Method) of the same program.");
        _current.Clear();
        _current.Write(current);
        var written = _current.WrittenMemory.Span;
        ReadOnlySpan<byte> arguments = written;
        if (!extraArgument.IsEmpty)
        {
            int length = written.Length + extraArgument.Length;
            if (_arguments.Length < length)
            {
                _arguments = new byte[Math.Max(length, _arguments.Length * 2)];
            }

            written.CopyTo(_arguments);
            extraArgument.CopyTo(_arguments.AsSpan(written.Length));
            arguments = _arguments.AsSpan(0, length);
        }

        _result.Clear();
        try
        {
            var reader = new ArgumentReader(arguments);
            var pending = target.Run(ref reader, _result, CancellationToken.None);
            if (!pending.IsCompletedSuccessfully)
            {
                pending.AsTask().GetAwaiter().GetResult();
            }
        }
        catch (Exception e)
        {
            throw new FunctionFailure(targetId, e);
        }

        try
        {
            return new ArgumentReader(_result.WrittenMemory.Span).Read<T>();
        }
        finally
        {
            if (_arguments.Length > 1 << 20)
            {
                _arguments = new byte[256];
            }
        }
    }

    /// <summary>Serializes an update function's extra argument as the target's second parameter.</summary>
    public static byte[] SerializeArgument<TArg>(TArg argument)
    {
        var writer = new ArgumentWriter();
        writer.Write(argument);
        return writer.WrittenMemory.ToArray();
    }
}
