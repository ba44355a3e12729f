using System.Collections;
using MemoryPack;
using Multiprocessing.Channels;
using Multiprocessing.Manager;
using Writer = MemoryPack.MemoryPackWriter<System.Buffers.ArrayBufferWriter<byte>>;

namespace Multiprocessing;

/// <summary>
/// A proxy to a list served by a <see cref="ProcessManager"/> (Python's <c>manager.list()</c>): every process that
/// holds a proxy sees the same list. Create one with <see cref="ProcessManager.List{T}()"/> and pass it to a
/// <see cref="ProcessTargetAttribute">process target</see>.
/// </summary>
/// <remarks>
/// Each member is one round trip to the manager and is atomic. Items are copied both ways: changing an item you read
/// does not change the list (write it back, or use <see cref="Update(int, ProcessTarget{T, T})"/>). Many items in one
/// round trip: <see cref="AddRange"/>, <see cref="Snapshot"/>, <see cref="ToArray"/>.
/// </remarks>
/// <typeparam name="T">The item type: anything a target parameter can be.</typeparam>
public sealed class ManagedList<T> : IEnumerable<T>, IMemoryPackFormatterRegister, IManagedProxy<ManagedList<T>>
{
    internal static readonly long TypeHash = ManagerWire.Hash($"ManagedList<{MessageCodec<T>.TypeName}>");
    internal static readonly string TypeDisplay = ManagerWire.Display(typeof(ManagedList<T>));

    private static readonly RequestArguments<T> s_item = static (ref w, in item) => ManagerWire.Write(ref w, item);
    private static readonly RequestArguments<int> s_index = static (ref w, in index) => w.WriteUnmanaged(index);
    private static readonly RequestArguments<(int Index, T Item)> s_indexItem = static (ref w, in call) =>
    {
        w.WriteUnmanaged(call.Index);
        ManagerWire.Write(ref w, call.Item);
    };

    private static readonly ResponseReader<T> s_value = static (ref r) => ManagerWire.Read<T>(ref r);

    private readonly ProxyCore _core;

    static ManagedList() => RegisterFormatter();

    internal ManagedList(ProxyCore core) => _core = core;

    ProxyCore IManagedProxy<ManagedList<T>>.Core => _core;

    static ManagedList<T> IManagedProxy<ManagedList<T>>.Attach(string managerName, int objectId) =>
        new(new ProxyCore(managerName, objectId, TypeHash, TypeDisplay));

    /// <summary>Gets or sets the item at <paramref name="index"/> (Python's <c>l[i]</c>, <c>l[i] = x</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in the list.</exception>
    public T this[int index]
    {
        get => _core.Call(Ops.Get, index, s_index, s_value);
        set => _core.Call(Ops.Set, (index, value), s_indexItem, ProxyCore.NoResult);
    }

    /// <summary>The number of items (Python's <c>len(l)</c>).</summary>
    public int Count => _core.Call(Ops.Count, (byte)0, ProxyCore.NoArguments, ProxyCore.IntResult);

    /// <summary>Appends an item (Python's <c>l.append(x)</c>); returns its index.</summary>
    public int Add(T item) => _core.Call(Ops.Add, item, s_item, ProxyCore.IntResult);

    /// <summary>Appends many items in one round trip, atomically (Python's <c>l.extend(items)</c>): nothing is added between them.</summary>
    public void AddRange(IEnumerable<T> items)
    {
        int count = ManagerWire.CountOf(ref items);
        _core.Call(Ops.AddRange, (count, items), static (ref w, in batch) =>
            ManagerWire.WriteItems(ref w, batch.count, batch.items, checkKeys: false), ProxyCore.NoResult);
    }

    /// <summary>Inserts an item at <paramref name="index"/> (Python's <c>l.insert(i, x)</c>).</summary>
    public void Insert(int index, T item) => _core.Call(Ops.Insert, (index, item), s_indexItem, ProxyCore.NoResult);

    /// <summary>Removes the item at <paramref name="index"/> and returns it (Python's <c>l.pop(i)</c>).</summary>
    public T RemoveAt(int index) => _core.Call(Ops.RemoveAt, index, s_index, s_value);

    /// <summary>Removes the first item equal to <paramref name="item"/> (compared in the manager's process); false if there is none.</summary>
    public bool Remove(T item) => _core.Call(Ops.Remove, item, s_item, ProxyCore.BoolResult);

    /// <summary>The index of the first item equal to <paramref name="item"/>, or -1.</summary>
    public int IndexOf(T item) => _core.Call(Ops.IndexOf, item, s_item, ProxyCore.IntResult);

    /// <summary>Whether an item equals <paramref name="item"/>.</summary>
    public bool Contains(T item) => IndexOf(item) >= 0;

    /// <summary>Removes every item.</summary>
    public void Clear() => _core.Call(Ops.Clear, (byte)0, ProxyCore.NoArguments, ProxyCore.NoResult);

    /// <summary>A copy of the list, in one round trip (Python's <c>l[:]</c>).</summary>
    public List<T> Snapshot() => [.. ToArray()];

    /// <summary>A copy of the items, in one round trip.</summary>
    public T[] ToArray() => _core.Call(Ops.Snapshot, (byte)0, ProxyCore.NoArguments, static (ref r) => ManagerWire.ReadArray<T>(ref r));

    /// <summary>
    /// Replaces the item at <paramref name="index"/> with <c>function(item)</c>, atomically: the function runs in the
    /// manager's process while the list is locked. Returns the new item.
    /// </summary>
    /// <param name="index">The item to update.</param>
    /// <param name="function">A process target taking the current item and returning the new one.</param>
    /// <exception cref="ManagedFunctionException">The function threw; the item is unchanged.</exception>
    public T Update(int index, ProcessTarget<T, T> function) => Run(index, function, []);

    /// <summary>Replaces the item at <paramref name="index"/> with <c>function(item, argument)</c>, atomically. Returns the new item.</summary>
    /// <param name="index">The item to update.</param>
    /// <param name="function">A process target taking the current item and <paramref name="argument"/>.</param>
    /// <param name="argument">The function's second argument.</param>
    /// <exception cref="ManagedFunctionException">The function threw; the item is unchanged.</exception>
    public T Update<TArg>(int index, ProcessTarget<(T, TArg), T> function, TArg argument) => Run(index, function, UpdateFunction.SerializeArgument(argument));

    private T Run(int index, ProcessTarget function, byte[] argument)
    {
        ArgumentNullException.ThrowIfNull(function);
        return _core.Call(Ops.Update, (index, function.Id, argument), static (ref w, in call) =>
        {
            w.WriteUnmanaged(call.index);
            w.WriteString(call.Id);
            w.WriteUnmanagedSpan<byte>(call.argument);
        }, s_value);
    }

    /// <summary>Enumerates a copy (<see cref="ToArray"/>): one round trip, then local reads.</summary>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)ToArray()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Names the list and its manager.</summary>
    public override string ToString() => _core.Description;

    /// <summary>Registers the MemoryPack formatter that carries a proxy to another process (the manager's name and the object's id).</summary>
    public static void RegisterFormatter()
    {
        ProxyFormatter<ManagedList<T>>.Register();
    }

    internal static class Ops
    {
        public const byte Get = 1, Set = 2, Count = 3, Add = 4, AddRange = 5, Insert = 6, RemoveAt = 7, Remove = 8, IndexOf = 9, Clear = 10,
            Snapshot = 11, Update = 12;
    }
}

/// <summary>The list behind a <see cref="ManagedList{T}"/>, in the manager's process.</summary>
internal sealed class ServedList<T>(int id, string managerName)
    : ServedObject(id, ManagedList<T>.TypeDisplay, ManagedList<T>.TypeHash, managerName)
{
    private readonly List<T> _items = [];
    private readonly UpdateFunction _function = new();

    public override void Handle(byte operation, ref MemoryPackReader r, ref Writer w)
    {
        int index;
        switch (operation)
        {
            case ManagedList<T>.Ops.Get:
                ManagerWire.Write(ref w, _items[CheckIndex(ref r)]);
                break;
            case ManagedList<T>.Ops.Set:
                index = CheckIndex(ref r);
                _items[index] = ManagerWire.Read<T>(ref r);
                break;
            case ManagedList<T>.Ops.Count:
                w.WriteUnmanaged(_items.Count);
                break;
            case ManagedList<T>.Ops.Add:
                _items.Add(ManagerWire.Read<T>(ref r));
                w.WriteUnmanaged(_items.Count - 1);
                break;
            case ManagedList<T>.Ops.AddRange:
                int count = ManagerWire.ReadCount(ref r);
                // All or nothing: read the whole batch before changing anything.
                var batch = new T[count];
                for (int i = 0; i < count; i++)
                {
                    batch[i] = ManagerWire.Read<T>(ref r);
                }

                _items.AddRange(batch);
                break;
            case ManagedList<T>.Ops.Insert:
                r.ReadUnmanaged(out index);
                if ((uint)index > (uint)_items.Count)
                {
                    throw IndexOutOfRange(index, _items.Count);
                }

                _items.Insert(index, ManagerWire.Read<T>(ref r));
                break;
            case ManagedList<T>.Ops.RemoveAt:
                index = CheckIndex(ref r);
                ManagerWire.Write(ref w, _items[index]);
                _items.RemoveAt(index);
                break;
            case ManagedList<T>.Ops.Remove:
                w.WriteUnmanaged(_items.Remove(ManagerWire.Read<T>(ref r)));
                break;
            case ManagedList<T>.Ops.IndexOf:
                w.WriteUnmanaged(_items.IndexOf(ManagerWire.Read<T>(ref r)));
                break;
            case ManagedList<T>.Ops.Clear:
                _items.Clear();
                break;
            case ManagedList<T>.Ops.Snapshot:
                w.WriteUnmanaged(_items.Count);
                foreach (var item in _items)
                {
                    ManagerWire.Write(ref w, item);
                }

                break;
            case ManagedList<T>.Ops.Update:
                index = CheckIndex(ref r);
                string function = r.ReadString() ?? throw new InvalidDataException("an update without its function");
                var updated = _function.Invoke(function, _items[index], ReadExtraArgument(ref r), Description);
                _items[index] = updated;
                ManagerWire.Write(ref w, updated);
                break;
            default:
                throw UnknownOperation(operation);
        }
    }

    private int CheckIndex(ref MemoryPackReader r)
    {
        r.ReadUnmanaged(out int index);
        return (uint)index < (uint)_items.Count ? index : throw IndexOutOfRange(index, _items.Count);
    }
}
