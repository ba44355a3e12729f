using MemoryPack;
using Multiprocessing.Channels;
using Multiprocessing.Manager;
using Writer = MemoryPack.MemoryPackWriter<System.Buffers.ArrayBufferWriter<byte>>;

namespace Multiprocessing;

/// <summary>
/// A proxy to a value served by a <see cref="ProcessManager"/> (Python's <c>manager.Value()</c>), of any type a
/// target parameter can be. Create one with <see cref="ProcessManager.Value{T}(T)"/> and pass it to a
/// <see cref="ProcessTargetAttribute">process target</see>.
/// </summary>
/// <remarks>
/// Each member is one atomic round trip. For a read-modify-write use <see cref="Update(ProcessTarget{T, T})"/> (runs a
/// process target on the manager) or a <see cref="CompareExchange"/> loop, never <c>v.Value = v.Value + 1</c> (two
/// round trips: another process may write in between). For an unmanaged value that changes very often,
/// <see cref="SharedValue{T}"/> (plain shared memory, no round trip) is faster.
/// </remarks>
/// <typeparam name="T">The value's type.</typeparam>
public sealed class ManagedValue<T> : IMemoryPackFormatterRegister, IManagedProxy<ManagedValue<T>>
{
    internal static readonly long TypeHash = ManagerWire.Hash($"ManagedValue<{MessageCodec<T>.TypeName}>");
    internal static readonly string TypeDisplay = ManagerWire.Display(typeof(ManagedValue<T>));

    private static readonly RequestArguments<T> s_item = static (ref w, in item) => ManagerWire.Write(ref w, item);
    private static readonly ResponseReader<T> s_value = static (ref r) => ManagerWire.Read<T>(ref r);

    private readonly ProxyCore _core;

    static ManagedValue() => RegisterFormatter();

    internal ManagedValue(ProxyCore core) => _core = core;

    ProxyCore IManagedProxy<ManagedValue<T>>.Core => _core;

    static ManagedValue<T> IManagedProxy<ManagedValue<T>>.Attach(string managerName, int objectId) =>
        new(new ProxyCore(managerName, objectId, TypeHash, TypeDisplay));

    /// <summary>Gets or sets the value (Python's <c>v.value</c>).</summary>
    public T Value
    {
        get => _core.Call(Ops.Get, (byte)0, ProxyCore.NoArguments, s_value);
        set => _core.Call(Ops.Set, value, s_item, ProxyCore.NoResult);
    }

    /// <summary>Sets the value and returns the one it replaced, atomically.</summary>
    public T Exchange(T value) => _core.Call(Ops.Exchange, value, s_item, s_value);

    /// <summary>
    /// Sets the value to <paramref name="value"/> if it equals <paramref name="comparand"/> (compared in the manager's
    /// process with <see cref="EqualityComparer{T}.Default"/>), atomically; returns the value it found, as
    /// <see cref="Interlocked.CompareExchange(ref int, int, int)"/> does.
    /// </summary>
    public T CompareExchange(T value, T comparand) => _core.Call(Ops.CompareExchange, (value, comparand), static (ref w, in call) =>
    {
        ManagerWire.Write(ref w, call.value);
        ManagerWire.Write(ref w, call.comparand);
    }, s_value);

    /// <summary>
    /// Replaces the value with <c>function(value)</c>, atomically: the function runs in the manager's process while the
    /// value is locked, so no update from another process is lost. Returns the new value.
    /// </summary>
    /// <param name="function">A process target taking the current value and returning the new one.</param>
    /// <exception cref="ManagedFunctionException">The function threw; the value is unchanged.</exception>
    public T Update(ProcessTarget<T, T> function) => Run(function, []);

    /// <summary>Replaces the value with <c>function(value, argument)</c>, atomically. Returns the new value.</summary>
    /// <param name="function">A process target taking the current value and <paramref name="argument"/>, e.g. <c>static long Add(long current, long delta)</c>.</param>
    /// <param name="argument">The function's second argument.</param>
    /// <exception cref="ManagedFunctionException">The function threw; the value is unchanged.</exception>
    public T Update<TArg>(ProcessTarget<(T, TArg), T> function, TArg argument) => Run(function, UpdateFunction.SerializeArgument(argument));

    private T Run(ProcessTarget function, byte[] argument)
    {
        ArgumentNullException.ThrowIfNull(function);
        return _core.Call(Ops.Update, (function.Id, argument), static (ref w, in call) =>
        {
            w.WriteString(call.Id);
            w.WriteUnmanagedSpan<byte>(call.argument);
        }, s_value);
    }

    /// <summary>Names the value and its manager.</summary>
    public override string ToString() => _core.Description;

    /// <summary>Registers the MemoryPack formatter that carries a proxy to another process (the manager's name and the object's id).</summary>
    public static void RegisterFormatter()
    {
        ProxyFormatter<ManagedValue<T>>.Register();
    }

    internal static class Ops
    {
        public const byte Get = 1, Set = 2, Exchange = 3, CompareExchange = 4, Update = 5;
    }
}

/// <summary>The value behind a <see cref="ManagedValue{T}"/>, in the manager's process.</summary>
internal sealed class ServedValue<T>(int id, string managerName, T initialValue)
    : ServedObject(id, ManagedValue<T>.TypeDisplay, ManagedValue<T>.TypeHash, managerName)
{
    private readonly UpdateFunction _function = new();
    private T _value = initialValue;

    public override void Handle(byte operation, ref MemoryPackReader r, ref Writer w)
    {
        switch (operation)
        {
            case ManagedValue<T>.Ops.Get:
                ManagerWire.Write(ref w, _value);
                break;
            case ManagedValue<T>.Ops.Set:
                _value = ManagerWire.Read<T>(ref r);
                break;
            case ManagedValue<T>.Ops.Exchange:
                ManagerWire.Write(ref w, _value);
                _value = ManagerWire.Read<T>(ref r);
                break;
            case ManagedValue<T>.Ops.CompareExchange:
                var value = ManagerWire.Read<T>(ref r);
                var comparand = ManagerWire.Read<T>(ref r);
                ManagerWire.Write(ref w, _value);
                if (EqualityComparer<T>.Default.Equals(_value, comparand))
                {
                    _value = value;
                }

                break;
            case ManagedValue<T>.Ops.Update:
                string function = r.ReadString() ?? throw new InvalidDataException("an update without its function");
                _value = _function.Invoke(function, _value, ReadExtraArgument(ref r), Description);
                ManagerWire.Write(ref w, _value);
                break;
            default:
                throw UnknownOperation(operation);
        }
    }
}

/// <summary>
/// The function of an atomic update (<c>Update</c>, <c>AddOrUpdate</c> of a <see cref="ProcessManager"/>'s shared
/// objects) threw in the manager's process. The object was left unchanged.
/// </summary>
public sealed class ManagedFunctionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ManagedFunctionException(string message, string objectDescription, string remoteType, string remoteStackTrace)
        : base(message)
    {
        ObjectDescription = objectDescription;
        RemoteType = remoteType;
        RemoteStackTrace = remoteStackTrace;
    }

    /// <summary>The shared object that was being updated, and its manager.</summary>
    public string ObjectDescription { get; }

    /// <summary>The full name of the exception type the function threw.</summary>
    public string RemoteType { get; }

    /// <summary>The function's exception as the manager's process saw it (type, message, stack trace).</summary>
    public string RemoteStackTrace { get; }

    /// <inheritdoc />
    public override string ToString() => $"{base.ToString()}{Environment.NewLine}--- In the manager's process ---{Environment.NewLine}{RemoteStackTrace}";
}
