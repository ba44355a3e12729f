using System.Buffers;
using System.Collections;
using System.Diagnostics.CodeAnalysis;
using MemoryPack;
using Multiprocessing.Channels;
using Multiprocessing.Manager;
using Writer = MemoryPack.MemoryPackWriter<System.Buffers.ArrayBufferWriter<byte>>;

namespace Multiprocessing;

/// <summary>
/// A proxy to a dictionary served by a <see cref="ProcessManager"/> (Python's <c>manager.dict()</c>): every process
/// that holds a proxy sees the same dictionary. Create one with <see cref="ProcessManager.Dictionary{TKey, TValue}()"/>
/// and pass it to a <see cref="ProcessTargetAttribute">process target</see>.
/// </summary>
/// <remarks>
/// <para>Each member is one round trip to the manager and is atomic: no other process's operation on this dictionary
/// runs in between. Values are copied both ways (changing a value you read does not change the dictionary; write it
/// back, or use <see cref="Update(TKey, ProcessTarget{TValue, TValue})"/>).</para>
/// <para>Many items in one round trip: <see cref="SetMany"/>, <see cref="GetMany(IEnumerable{TKey})"/>,
/// <see cref="Snapshot"/>. Read-modify-write without a race: <see cref="Update(TKey, ProcessTarget{TValue, TValue})"/>
/// and <see cref="AddOrUpdate(TKey, TValue, ProcessTarget{TValue, TValue})"/> run a process target on the manager,
/// under the dictionary's lock.</para>
/// </remarks>
/// <typeparam name="TKey">The key type: anything a target parameter can be.</typeparam>
/// <typeparam name="TValue">The value type: anything a target parameter can be.</typeparam>
public sealed class ManagedDictionary<TKey, TValue> : IEnumerable<KeyValuePair<TKey, TValue>>, IMemoryPackFormatterRegister, IManagedProxy<ManagedDictionary<TKey, TValue>>
    where TKey : notnull
{
    internal static readonly long TypeHash = ManagerWire.Hash($"ManagedDictionary<{MessageCodec<TKey>.TypeName},{MessageCodec<TValue>.TypeName}>");
    internal static readonly string TypeDisplay = ManagerWire.Display(typeof(ManagedDictionary<TKey, TValue>));

    private static readonly RequestArguments<TKey> s_key = static (ref w, in key) => ManagerWire.Write(ref w, key);
    private static readonly RequestArguments<(TKey Key, TValue Value)> s_keyValue = static (ref w, in pair) =>
    {
        ManagerWire.Write(ref w, pair.Key);
        ManagerWire.Write(ref w, pair.Value);
    };

    private static readonly ResponseReader<TValue> s_value = static (ref r) => ManagerWire.Read<TValue>(ref r);

    private static readonly ResponseReader<(bool Found, TValue Value)> s_maybeValue = static (ref r) =>
    {
        r.ReadUnmanaged(out bool found);
        return found ? (true, ManagerWire.Read<TValue>(ref r)) : (false, default!);
    };

    private readonly ProxyCore _core;

    static ManagedDictionary() => RegisterFormatter();

    internal ManagedDictionary(ProxyCore core) => _core = core;

    ProxyCore IManagedProxy<ManagedDictionary<TKey, TValue>>.Core => _core;

    static ManagedDictionary<TKey, TValue> IManagedProxy<ManagedDictionary<TKey, TValue>>.Attach(string managerName, int objectId) =>
        new(new ProxyCore(managerName, objectId, TypeHash, TypeDisplay));

    /// <summary>Gets or sets the value of <paramref name="key"/> (Python's <c>d[key]</c>, <c>d[key] = value</c>).</summary>
    /// <exception cref="KeyNotFoundException">Getting a key the dictionary does not hold.</exception>
    public TValue this[TKey key]
    {
        get => _core.Call(Ops.Get, CheckKey(key), s_key, s_value);
        set => _core.Call(Ops.Set, (CheckKey(key), value), s_keyValue, ProxyCore.NoResult);
    }

    /// <summary>The number of entries (Python's <c>len(d)</c>).</summary>
    public int Count => _core.Call(Ops.Count, (byte)0, ProxyCore.NoArguments, ProxyCore.IntResult);

    /// <summary>A copy of the keys, in one round trip (Python's <c>d.keys()</c>).</summary>
    public IReadOnlyList<TKey> Keys => _core.Call(Ops.Keys, (byte)0, ProxyCore.NoArguments, static (ref r) => ManagerWire.ReadArray<TKey>(ref r));

    /// <summary>A copy of the values, in one round trip (Python's <c>d.values()</c>).</summary>
    public IReadOnlyList<TValue> Values => _core.Call(Ops.Values, (byte)0, ProxyCore.NoArguments, static (ref r) => ManagerWire.ReadArray<TValue>(ref r));

    /// <summary>Gets the value of <paramref name="key"/> if the dictionary holds it.</summary>
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        (bool found, value) = _core.Call(Ops.TryGet, CheckKey(key), s_key, s_maybeValue);
        return found;
    }

    /// <summary>The value of <paramref name="key"/>, or <paramref name="defaultValue"/> (Python's <c>d.get(key, default)</c>).</summary>
    public TValue GetValueOrDefault(TKey key, TValue defaultValue = default!) => TryGetValue(key, out var value) ? value : defaultValue;

    /// <summary>Whether the dictionary holds <paramref name="key"/> (Python's <c>key in d</c>).</summary>
    public bool ContainsKey(TKey key) => _core.Call(Ops.ContainsKey, CheckKey(key), s_key, ProxyCore.BoolResult);

    /// <summary>Adds an entry unless the key is present; false if it was.</summary>
    public bool TryAdd(TKey key, TValue value) => _core.Call(Ops.TryAdd, (CheckKey(key), value), s_keyValue, ProxyCore.BoolResult);

    /// <summary>The value of <paramref name="key"/>, after adding <paramref name="value"/> if the key was missing (Python's <c>d.setdefault</c>).</summary>
    public TValue GetOrAdd(TKey key, TValue value) => _core.Call(Ops.GetOrAdd, (CheckKey(key), value), s_keyValue, s_value);

    /// <summary>Removes <paramref name="key"/>; false if the dictionary did not hold it (Python's <c>del d[key]</c>).</summary>
    public bool Remove(TKey key) => _core.Call(Ops.Remove, CheckKey(key), s_key, ProxyCore.BoolResult);

    /// <summary>Removes <paramref name="key"/> and gives its value (Python's <c>d.pop(key)</c>); false if it was missing.</summary>
    public bool Remove(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        (bool found, value) = _core.Call(Ops.RemoveAndGet, CheckKey(key), s_key, s_maybeValue);
        return found;
    }

    /// <summary>Removes every entry.</summary>
    public void Clear() => _core.Call(Ops.Clear, (byte)0, ProxyCore.NoArguments, ProxyCore.NoResult);

    // ---- batches ----------------------------------------------------------------------------------------------

    /// <summary>
    /// Sets many entries in one round trip, atomically (Python's <c>d.update(...)</c>): other processes see all of
    /// them or none.
    /// </summary>
    public void SetMany(IEnumerable<KeyValuePair<TKey, TValue>> items)
    {
        int count = ManagerWire.CountOf(ref items);
        _core.Call(Ops.SetMany, (count, items), static (ref w, in batch) =>
        {
            w.WriteUnmanaged(batch.count);
            int written = 0;
            foreach (var (key, value) in batch.items)
            {
                if (written++ == batch.count)
                {
                    break;
                }

                ManagerWire.Write(ref w, CheckKey(key));
                ManagerWire.Write(ref w, value);
            }

            if (written < batch.count)
            {
                throw new InvalidOperationException("The items changed while they were being sent.");
            }
        }, ProxyCore.NoResult);
    }

    /// <summary>The values of <paramref name="keys"/>, in their order, in one round trip.</summary>
    /// <exception cref="KeyNotFoundException">A key is missing (the exception names the first one).</exception>
    public TValue[] GetMany(IEnumerable<TKey> keys) => GetMany(keys, useDefault: false, default!);

    /// <summary>The values of <paramref name="keys"/>, in their order, in one round trip; <paramref name="missingValue"/> for a missing key.</summary>
    public TValue[] GetMany(IEnumerable<TKey> keys, TValue missingValue) => GetMany(keys, useDefault: true, missingValue);

    private TValue[] GetMany(IEnumerable<TKey> keys, bool useDefault, TValue missingValue)
    {
        int count = ManagerWire.CountOf(ref keys);
        return _core.Call(Ops.GetMany, (count, keys, useDefault, missingValue), static (ref w, in batch) =>
        {
            w.WriteUnmanaged(batch.useDefault);
            if (batch.useDefault)
            {
                ManagerWire.Write(ref w, batch.missingValue);
            }

            ManagerWire.WriteItems(ref w, batch.count, batch.keys, checkKeys: true);
        }, static (ref r) => ManagerWire.ReadArray<TValue>(ref r));
    }

    /// <summary>A copy of the whole dictionary, in one round trip (Python's <c>d.copy()</c>).</summary>
    public Dictionary<TKey, TValue> Snapshot() => _core.Call(Ops.Snapshot, (byte)0, ProxyCore.NoArguments, static (ref r) =>
    {
        int count = ManagerWire.ReadCount(ref r);
        var copy = new Dictionary<TKey, TValue>(count);
        for (int i = 0; i < count; i++)
        {
            var key = ManagerWire.Read<TKey>(ref r);
            copy[key] = ManagerWire.Read<TValue>(ref r);
        }

        return copy;
    });

    // ---- atomic updates on the manager ------------------------------------------------------------------------

    /// <summary>
    /// Replaces the value of <paramref name="key"/> with <c>function(value)</c>, atomically: the function runs in the
    /// manager's process while the dictionary is locked, so no update from another process is lost. Returns the new value.
    /// </summary>
    /// <param name="key">The entry to update; it must exist.</param>
    /// <param name="function">A process target taking the current value and returning the new one, e.g. <c>Counters.Targets.Increment</c>.</param>
    /// <exception cref="KeyNotFoundException">The key is missing (see <see cref="AddOrUpdate(TKey, TValue, ProcessTarget{TValue, TValue})"/>).</exception>
    /// <exception cref="ManagedFunctionException">The function threw; the entry is unchanged.</exception>
    public TValue Update(TKey key, ProcessTarget<TValue, TValue> function) => Run(Ops.Update, key, default!, function, []);

    /// <summary>
    /// Replaces the value of <paramref name="key"/> with <c>function(value, argument)</c>, atomically (see
    /// <see cref="Update(TKey, ProcessTarget{TValue, TValue})"/>). Returns the new value.
    /// </summary>
    /// <param name="key">The entry to update; it must exist.</param>
    /// <param name="function">A process target taking the current value and <paramref name="argument"/>, e.g. <c>static int Add(int current, int delta)</c>.</param>
    /// <param name="argument">The function's second argument.</param>
    /// <exception cref="KeyNotFoundException">The key is missing.</exception>
    /// <exception cref="ManagedFunctionException">The function threw; the entry is unchanged.</exception>
    public TValue Update<TArg>(TKey key, ProcessTarget<(TValue, TArg), TValue> function, TArg argument) =>
        Run(Ops.Update, key, default!, function, UpdateFunction.SerializeArgument(argument));

    /// <summary>
    /// Sets <paramref name="key"/> to <paramref name="addValue"/> if it is missing, otherwise to <c>function(value)</c>,
    /// atomically (the function runs on the manager under the dictionary's lock). Returns the new value.
    /// </summary>
    /// <param name="key">The entry to add or update.</param>
    /// <param name="addValue">The value of a new entry (the function is not called for it).</param>
    /// <param name="function">A process target taking the current value and returning the new one.</param>
    /// <exception cref="ManagedFunctionException">The function threw; the entry is unchanged.</exception>
    public TValue AddOrUpdate(TKey key, TValue addValue, ProcessTarget<TValue, TValue> function) => Run(Ops.AddOrUpdate, key, addValue, function, []);

    /// <summary>
    /// Sets <paramref name="key"/> to <paramref name="addValue"/> if it is missing, otherwise to
    /// <c>function(value, argument)</c>, atomically. Returns the new value. A shared counter:
    /// <c>counts.AddOrUpdate(word, 1, Counters.Targets.Add, 1)</c> with <c>[ProcessTarget] static int Add(int current, int delta) => current + delta;</c>
    /// </summary>
    /// <param name="key">The entry to add or update.</param>
    /// <param name="addValue">The value of a new entry (the function is not called for it).</param>
    /// <param name="function">A process target taking the current value and <paramref name="argument"/>.</param>
    /// <param name="argument">The function's second argument.</param>
    /// <exception cref="ManagedFunctionException">The function threw; the entry is unchanged.</exception>
    public TValue AddOrUpdate<TArg>(TKey key, TValue addValue, ProcessTarget<(TValue, TArg), TValue> function, TArg argument) =>
        Run(Ops.AddOrUpdate, key, addValue, function, UpdateFunction.SerializeArgument(argument));

    private TValue Run(byte operation, TKey key, TValue addValue, ProcessTarget function, byte[] argument)
    {
        ArgumentNullException.ThrowIfNull(function);
        return _core.Call(operation, (CheckKey(key), addValue, function.Id, argument, operation), static (ref w, in call) =>
        {
            ManagerWire.Write(ref w, call.Item1);
            if (call.operation == Ops.AddOrUpdate)
            {
                ManagerWire.Write(ref w, call.addValue);
            }

            w.WriteString(call.Id);
            w.WriteUnmanagedSpan<byte>(call.argument);
        }, s_value);
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    /// <summary>Enumerates a <see cref="Snapshot"/>: one round trip, then a local copy.</summary>
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => Snapshot().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Names the dictionary and its manager.</summary>
    public override string ToString() => _core.Description;

    private static TKey CheckKey(TKey key) => key is null ? throw new ArgumentNullException(nameof(key)) : key;

    /// <summary>Registers the MemoryPack formatter that carries a proxy to another process (the manager's name and the object's id).</summary>
    public static void RegisterFormatter()
    {
        ProxyFormatter<ManagedDictionary<TKey, TValue>>.Register();
    }

    internal static class Ops
    {
        public const byte Get = 1, TryGet = 2, Set = 3, TryAdd = 4, GetOrAdd = 5, ContainsKey = 6, Remove = 7, RemoveAndGet = 8,
            Count = 9, Clear = 10, Keys = 11, Values = 12, Snapshot = 13, SetMany = 14, GetMany = 15, Update = 16, AddOrUpdate = 17;
    }
}

/// <summary>The dictionary behind a <see cref="ManagedDictionary{TKey, TValue}"/>, in the manager's process.</summary>
internal sealed class ServedDictionary<TKey, TValue>(int id, string managerName)
    : ServedObject(id, ManagedDictionary<TKey, TValue>.TypeDisplay, ManagedDictionary<TKey, TValue>.TypeHash, managerName)
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> _items = [];
    private readonly UpdateFunction _function = new();

    public override void Handle(byte operation, ref MemoryPackReader r, ref Writer w)
    {
        TKey key;
        TValue? value;
        switch (operation)
        {
            case ManagedDictionary<TKey, TValue>.Ops.Get:
                key = ReadKey(ref r);
                ManagerWire.Write(ref w, _items.TryGetValue(key, out value) ? value : throw Missing(key));
                break;
            case ManagedDictionary<TKey, TValue>.Ops.TryGet:
                key = ReadKey(ref r);
                WriteMaybe(ref w, _items.TryGetValue(key, out value), value);
                break;
            case ManagedDictionary<TKey, TValue>.Ops.Set:
                key = ReadKey(ref r);
                _items[key] = ManagerWire.Read<TValue>(ref r);
                break;
            case ManagedDictionary<TKey, TValue>.Ops.TryAdd:
                key = ReadKey(ref r);
                w.WriteUnmanaged(_items.TryAdd(key, ManagerWire.Read<TValue>(ref r)));
                break;
            case ManagedDictionary<TKey, TValue>.Ops.GetOrAdd:
                key = ReadKey(ref r);
                value = ManagerWire.Read<TValue>(ref r);
                if (!_items.TryAdd(key, value))
                {
                    value = _items[key];
                }

                ManagerWire.Write(ref w, value);
                break;
            case ManagedDictionary<TKey, TValue>.Ops.ContainsKey:
                w.WriteUnmanaged(_items.ContainsKey(ReadKey(ref r)));
                break;
            case ManagedDictionary<TKey, TValue>.Ops.Remove:
                w.WriteUnmanaged(_items.Remove(ReadKey(ref r)));
                break;
            case ManagedDictionary<TKey, TValue>.Ops.RemoveAndGet:
                WriteMaybe(ref w, _items.Remove(ReadKey(ref r), out value), value);
                break;
            case ManagedDictionary<TKey, TValue>.Ops.Count:
                w.WriteUnmanaged(_items.Count);
                break;
            case ManagedDictionary<TKey, TValue>.Ops.Clear:
                _items.Clear();
                break;
            case ManagedDictionary<TKey, TValue>.Ops.Keys:
                w.WriteUnmanaged(_items.Count);
                foreach (var k in _items.Keys)
                {
                    ManagerWire.Write(ref w, k);
                }

                break;
            case ManagedDictionary<TKey, TValue>.Ops.Values:
                w.WriteUnmanaged(_items.Count);
                foreach (var v in _items.Values)
                {
                    ManagerWire.Write(ref w, v);
                }

                break;
            case ManagedDictionary<TKey, TValue>.Ops.Snapshot:
                w.WriteUnmanaged(_items.Count);
                foreach (var (k, v) in _items)
                {
                    ManagerWire.Write(ref w, k);
                    ManagerWire.Write(ref w, v);
                }

                break;
            case ManagedDictionary<TKey, TValue>.Ops.SetMany:
                SetMany(ref r);
                break;
            case ManagedDictionary<TKey, TValue>.Ops.GetMany:
                GetMany(ref r, ref w);
                break;
            case ManagedDictionary<TKey, TValue>.Ops.Update:
            case ManagedDictionary<TKey, TValue>.Ops.AddOrUpdate:
                key = ReadKey(ref r);
                bool add = operation == ManagedDictionary<TKey, TValue>.Ops.AddOrUpdate;
                var addValue = add ? ManagerWire.Read<TValue>(ref r) : default!;
                string function = r.ReadString() ?? throw new InvalidDataException("an update without its function");
                var argument = ReadExtraArgument(ref r);
                if (_items.TryGetValue(key, out value))
                {
                    value = _function.Invoke(function, value, argument, Description);
                }
                else
                {
                    value = add ? addValue : throw Missing(key);
                }

                _items[key] = value;
                ManagerWire.Write(ref w, value);
                break;
            default:
                throw UnknownOperation(operation);
        }
    }

    private void SetMany(ref MemoryPackReader r)
    {
        int count = ManagerWire.ReadCount(ref r);
        // All or nothing: read the whole batch before changing anything (a corrupt item fails the batch alone).
        var batch = ArrayPool<KeyValuePair<TKey, TValue>>.Shared.Rent(count);
        try
        {
            for (int i = 0; i < count; i++)
            {
                var key = ReadKey(ref r);
                batch[i] = new(key, ManagerWire.Read<TValue>(ref r));
            }

            _items.EnsureCapacity(_items.Count + count);
            for (int i = 0; i < count; i++)
            {
                _items[batch[i].Key] = batch[i].Value;
            }
        }
        finally
        {
            ArrayPool<KeyValuePair<TKey, TValue>>.Shared.Return(batch, clearArray: System.Runtime.CompilerServices.RuntimeHelpers.IsReferenceOrContainsReferences<KeyValuePair<TKey, TValue>>());
        }
    }

    private void GetMany(ref MemoryPackReader r, ref Writer w)
    {
        r.ReadUnmanaged(out bool useDefault);
        var missing = useDefault ? ManagerWire.Read<TValue>(ref r) : default!;
        int count = ManagerWire.ReadCount(ref r);
        w.WriteUnmanaged(count);
        for (int i = 0; i < count; i++)
        {
            var key = ReadKey(ref r);
            ManagerWire.Write(ref w, _items.TryGetValue(key, out var value) ? value : useDefault ? missing : throw Missing(key));
        }
    }

    private static void WriteMaybe(ref Writer w, bool found, TValue? value)
    {
        w.WriteUnmanaged(found);
        if (found)
        {
            ManagerWire.Write(ref w, value);
        }
    }

    private static TKey ReadKey(ref MemoryPackReader r) =>
        ManagerWire.Read<TKey>(ref r) ?? throw new InvalidDataException("a null key");

    private KeyNotFoundException Missing(TKey key) => new($"The key '{ManagerWire.Show(key)}' is not in {Description}.");
}
