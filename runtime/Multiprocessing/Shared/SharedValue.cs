using MemoryPack;
using Multiprocessing.Shared;

namespace Multiprocessing;

/// <summary>
/// One unmanaged value in memory shared between processes, with a lock next to it: Python's
/// <c>multiprocessing.Value</c>. <see cref="Value"/> is a reference into the shared page, so
/// <c>using (counter.Lock.Hold()) counter.Value++;</c> increments the same counter in every process.
/// </summary>
/// <remarks>
/// <para>Pass it to a <see cref="ProcessTargetAttribute">process target</see> (or a pool task): only its name travels,
/// and the child gets a value attached to the same memory, lock included. <see cref="Open"/> attaches by
/// <see cref="Name"/>.</para>
/// <para>Reading or writing <see cref="Value"/> does not take the lock (Python's <c>Value(..., lock=True)</c> takes it
/// for each access, which still leaves <c>v.value += 1</c> racy): hold <see cref="Lock"/> around read-modify-writes and
/// around values larger than 8 bytes, or use <see cref="Interlocked"/> on <c>ref counter.Value</c>.</para>
/// <para>The process that creates the value owns it: it lives until that process disposes it or exits. Linux only
/// (a file under <c>/dev/shm</c>; the lock is a futex).</para>
/// </remarks>
/// <typeparam name="T">The value's type: an unmanaged type (no references), the same in every process.</typeparam>
[MemoryPackable]
public sealed unsafe partial class SharedValue<T> : IDisposable
    where T : unmanaged
{
    // The lock's words follow the header (ProcessLock.Offset); the value has a cache line of its own after them.
    private const int ValueOffset = SharedHeader.Size + 64;

    [MemoryPackIgnore]
    private readonly SharedMemoryFile _file;
    [MemoryPackIgnore]
    private int _disposed;

    /// <summary>Creates a value owned by this process, holding <paramref name="initialValue"/>.</summary>
    /// <param name="initialValue">The first value (default: zero).</param>
    /// <exception cref="IOException">The shared memory could not be created.</exception>
    public SharedValue(T initialValue = default)
    {
        _file = SharedHeader.Create(SharedKind.Value, 64 + sizeof(T), sizeof(T), 1, SharedHeader.ElementType<T>.Hash, SharedHeader.ElementType<T>.Name);
        *(T*)(_file.Pointer + ValueOffset) = initialValue;
        Lock = new ProcessLock(_file);
    }

    /// <summary>Attaches to an existing value (what a child does with the descriptor it received).</summary>
    [MemoryPackConstructor]
    private SharedValue(string name)
    {
        string what = $"shared value '{name}'";
        _file = SharedHeader.Open(name, SharedKind.Value, what);
        try
        {
            SharedHeader.CheckElementType<T>(_file, what, "SharedValue");
        }
        catch
        {
            SharedHeader.Close(_file);
            throw;
        }

        Lock = new ProcessLock(_file);
    }

    /// <summary>
    /// Attaches to the value another process created, by its <see cref="Name"/>. Dispose it when done: that unmaps it
    /// in this process and leaves the value to its creator.
    /// </summary>
    /// <param name="name">The <see cref="Name"/> of the value.</param>
    /// <exception cref="ObjectDisposedException">The value no longer exists: its creator disposed it or exited.</exception>
    /// <exception cref="InvalidDataException">The name is not a shared value of <typeparamref name="T"/>.</exception>
    public static SharedValue<T> Open(string name) => new(name);

    /// <summary>The name of the shared memory (a file under <c>/dev/shm</c>): what <see cref="Open"/> takes.</summary>
    public string Name => _file.Name;

    /// <summary>The value, by reference into the shared memory: reads and writes are those of every process.</summary>
    /// <exception cref="ObjectDisposedException">This value was disposed.</exception>
    [MemoryPackIgnore]
    public ref T Value => ref *(T*)(Base + ValueOffset);

    /// <summary>The lock that goes with the value (Python's <c>get_lock()</c>), shared by every process.</summary>
    [MemoryPackIgnore]
    public ProcessLock Lock { get; }

    /// <summary>
    /// Unmaps the value (and its lock) in this process. The creator also removes the shared memory: processes still
    /// attached keep their mapping, and later attempts to attach fail.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Lock.MarkDisposed();
            SharedHeader.Close(_file);
        }
    }

    private byte* Base => _disposed == 0 ? _file.Pointer : throw new ObjectDisposedException(ToString(), $"The shared value '{Name}' was disposed in this process.");

    /// <inheritdoc />
    public override string ToString() => $"SharedValue<{SharedHeader.ElementType<T>.Name}> {Name}";
}
