using MemoryPack;
using Multiprocessing.Shared;

namespace Multiprocessing;

/// <summary>
/// A fixed-length array of unmanaged values in memory shared between processes: Python's
/// <c>multiprocessing.Array</c> and <c>shared_memory.SharedMemory</c>. <see cref="AsSpan"/> and the indexer point
/// straight into the shared pages (no copy), so every process that has the array sees every write at once.
/// </summary>
/// <remarks>
/// <para>Pass the array to a <see cref="ProcessTargetAttribute">process target</see> (or a pool task): only its name
/// travels, and the child gets an array attached to the same memory. <see cref="Open"/> attaches by
/// <see cref="Name"/>.</para>
/// <para>The process that creates the array owns it: the memory lives until that process disposes it or exits (a
/// crashed creator's array is removed by its parent or children), and processes that attached to it keep their
/// mapping until they dispose their copy. Writes are not synchronised: guard concurrent read-modify-writes with a
/// <see cref="ProcessLock"/>, or give each process its own slice.</para>
/// <para>Linux only: the array is a file under <c>/dev/shm</c>.</para>
/// </remarks>
/// <typeparam name="T">The element type: an unmanaged type (no references), the same in every process.</typeparam>
[MemoryPackable]
public sealed unsafe partial class SharedArray<T> : IDisposable
    where T : unmanaged
{
    [MemoryPackIgnore]
    private readonly SharedMemoryFile _file;
    [MemoryPackIgnore]
    private T* _data;
    [MemoryPackIgnore]
    private int _disposed;

    /// <summary>Creates a zero-filled array of <paramref name="length"/> elements, owned by this process.</summary>
    /// <param name="length">The number of elements; 0 or more.</param>
    /// <exception cref="IOException">The shared memory could not be created (for example, <c>/dev/shm</c> is full).</exception>
    public SharedArray(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _file = SharedHeader.Create(SharedKind.Array, (long)length * sizeof(T), sizeof(T), length, SharedHeader.ElementType<T>.Hash, SharedHeader.ElementType<T>.Name);
        Length = length;
        _data = (T*)(_file.Pointer + SharedHeader.Size);
    }

    /// <summary>Creates an array holding a copy of <paramref name="items"/>, owned by this process.</summary>
    /// <param name="items">The initial elements.</param>
    public SharedArray(ReadOnlySpan<T> items)
        : this(items.Length)
    {
        items.CopyTo(AsSpan());
    }

    /// <summary>Attaches to an existing array (what a child does with the descriptor it received).</summary>
    [MemoryPackConstructor]
    private SharedArray(string name, int length)
    {
        _file = OpenFile(name);
        if (SharedHeader.Length(_file) != length)
        {
            long actual = SharedHeader.Length(_file);
            SharedHeader.Close(_file);
            throw new InvalidDataException($"The shared array '{name}' has {actual} elements, but it was described as having {length}.");
        }

        Length = length;
        _data = (T*)(_file.Pointer + SharedHeader.Size);
    }

    private SharedArray(SharedMemoryFile file)
    {
        _file = file;
        Length = (int)SharedHeader.Length(file);
        _data = (T*)(_file.Pointer + SharedHeader.Size);
    }

    /// <summary>
    /// Attaches to the array another process created, by its <see cref="Name"/> (Python's
    /// <c>SharedMemory(name=...)</c>). Dispose it when done: that unmaps it in this process and leaves the array to its
    /// creator.
    /// </summary>
    /// <param name="name">The <see cref="Name"/> of the array.</param>
    /// <exception cref="ObjectDisposedException">The array no longer exists: its creator disposed it or exited.</exception>
    /// <exception cref="InvalidDataException">The name is not a shared array of <typeparamref name="T"/>.</exception>
    public static SharedArray<T> Open(string name) => new(OpenFile(name));

    /// <summary>The name of the shared memory (a file under <c>/dev/shm</c>): what <see cref="Open"/> takes.</summary>
    public string Name => _file.Name;

    /// <summary>The number of elements.</summary>
    public int Length { get; }

    /// <summary>The elements, in the shared memory itself.</summary>
    /// <exception cref="ObjectDisposedException">This array was disposed.</exception>
    [MemoryPackIgnore]
    public Span<T> Span => AsSpan();

    /// <summary>The element at <paramref name="index"/>, by reference into the shared memory.</summary>
    /// <param name="index">From 0 to <see cref="Length"/> - 1.</param>
    /// <exception cref="IndexOutOfRangeException"><paramref name="index"/> is outside the array.</exception>
    /// <exception cref="ObjectDisposedException">This array was disposed.</exception>
    public ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Length)
            {
                ThrowIndex(index);
            }

            return ref Data[index];
        }
    }

    /// <summary>The elements, in the shared memory itself: writes are seen by every process at once.</summary>
    /// <exception cref="ObjectDisposedException">This array was disposed.</exception>
    public Span<T> AsSpan() => new(Data, Length);

    /// <summary>
    /// Unmaps the array in this process (once no other object of this process uses the mapping). The creator also
    /// removes the shared memory: processes still attached keep their mapping, and later attempts to attach fail.
    /// Spans taken from the array before must not be used afterwards.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _data = null;
            SharedHeader.Close(_file);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"SharedArray<{SharedHeader.ElementType<T>.Name}>[{Length}] {Name}";

    private T* Data => _data != null ? _data : throw new ObjectDisposedException(ToString(), $"The shared array '{Name}' was disposed in this process.");

    private static SharedMemoryFile OpenFile(string name)
    {
        string what = $"shared array '{name}'";
        var file = SharedHeader.Open(name, SharedKind.Array, what);
        try
        {
            SharedHeader.CheckElementType<T>(file, what, "SharedArray");
            long length = SharedHeader.Length(file);
            if (length is < 0 or > int.MaxValue || file.Length < SharedHeader.Size + (length * sizeof(T)))
            {
                throw new InvalidDataException($"The {what} is damaged: its header says {length} elements, its file holds {file.Length} bytes.");
            }

            return file;
        }
        catch
        {
            SharedHeader.Close(file);
            throw;
        }
    }

    private void ThrowIndex(int index) =>
        throw new IndexOutOfRangeException($"Index {index} is outside the shared array '{Name}' of {Length} elements.");
}
