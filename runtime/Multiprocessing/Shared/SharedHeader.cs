namespace Multiprocessing.Shared;

/// <summary>What a shared file holds; written in its header so that a name of one kind is never opened as another.</summary>
internal enum SharedKind
{
    Array = 1,
    Value = 2,
    Lock = 3,
    Semaphore = 4,
    Event = 5,
    Barrier = 6,
}

/// <summary>
/// The first <see cref="Size"/> bytes of every shared value, array and synchronisation primitive: what it is, and for
/// data the element type (size, a hash of its full name, its short name for messages) and length, so that a process
/// attaching to a name checks it got what it expects before it reads a byte of it.
/// </summary>
/// <remarks>
/// Layout (little-endian ints): 0 magic, 4 version, 8 kind, 12 element size, 16 length (long), 24 type hash,
/// 28 extra (a semaphore's maximum, a barrier's participant count), 32 type name length, 36… type name (UTF-8,
/// truncated). The object's own state starts at <see cref="Size"/> (cache-line aligned).
/// </remarks>
internal static unsafe class SharedHeader
{
    /// <summary>Bytes before the object's state.</summary>
    public const int Size = 128;

    /// <summary>The smallest file: one page.</summary>
    public const int Page = 4096;

    private const int Magic = 0x4853_504D; // "MPSH"
    private const int Version = 1;
    private const int NameOffset = 36, NameCapacity = Size - NameOffset;

    /// <summary>Creates a file for a new object of <paramref name="kind"/> with <paramref name="stateBytes"/> after the header.</summary>
    public static SharedMemoryFile Create(SharedKind kind, long stateBytes, int elementSize = 0, long length = 0, int typeHash = 0, string typeName = "", int extra = 0)
    {
        long size = Math.Max(Page, Size + stateBytes);
        var file = SharedMemoryFile.Create(SharedMemoryFile.NewName(), size, owner: true, reserve: true);
        byte* header = file.Pointer;
        *(int*)(header + 4) = Version;
        *(int*)(header + 8) = (int)kind;
        *(int*)(header + 12) = elementSize;
        *(long*)(header + 16) = length;
        *(int*)(header + 24) = typeHash;
        *(int*)(header + 28) = extra;
        int written = System.Text.Encoding.UTF8.GetBytes(typeName.AsSpan(0, Math.Min(typeName.Length, NameCapacity / 3)), new Span<byte>(header + NameOffset, NameCapacity));
        *(int*)(header + 32) = written;
        Volatile.Write(ref *(int*)header, Magic);
        return file;
    }

    /// <summary>
    /// Maps the file <paramref name="name"/> and checks it holds a <paramref name="kind"/> (or
    /// <paramref name="alsoAccepted"/>). <paramref name="what"/> names the object in messages ("shared array 'mp-…'").
    /// Give the mapping back with <see cref="Close"/>.
    /// </summary>
    /// <remarks>
    /// One mapping per name and process, shared by every object attached to it: a pool worker receives the same array
    /// with each task, and maps it (and faults its pages in) once, not once per task.
    /// </remarks>
    public static SharedMemoryFile Open(string name, SharedKind kind, string what, SharedKind alsoAccepted = 0)
    {
        ArgumentNullException.ThrowIfNull(name);
        SharedMemoryFile file;
        lock (s_references)
        {
            if (s_attached.TryGetValue(name, out var attached) && attached.IsMapped && SharedMemoryFile.Exists(name))
            {
                file = attached;
                s_references[file]++;
            }
            else
            {
                file = SharedMemoryFile.Open(name, what);
                s_attached[name] = file;
                s_references[file] = 1;
            }
        }

        try
        {
            if (file.Length < Size || Volatile.Read(ref *(int*)file.Pointer) != Magic || *(int*)(file.Pointer + 4) != Version)
            {
                throw new InvalidDataException($"The {what} is not a Multiprocessing shared object (its header is missing or from another version).");
            }

            var actual = Kind(file);
            if (actual != kind && (alsoAccepted == 0 || actual != alsoAccepted))
            {
                throw new InvalidDataException($"The {what} cannot be opened: '{name}' holds a {Describe(actual)}, not a {Describe(kind)}.");
            }

            return file;
        }
        catch
        {
            Close(file);
            throw;
        }
    }

    /// <summary>Gives back a mapping from <see cref="Create"/> (unmapped and removed) or <see cref="Open"/> (unmapped with its last user).</summary>
    public static void Close(SharedMemoryFile file)
    {
        lock (s_references)
        {
            if (s_references.TryGetValue(file, out int references))
            {
                if (references > 1)
                {
                    s_references[file] = references - 1;
                    return;
                }

                s_references.Remove(file);
                if (s_attached.TryGetValue(file.Name, out var attached) && attached == file)
                {
                    s_attached.Remove(file.Name);
                }
            }
        }

        file.Dispose();
    }

    // Attached (not created) mappings: the current one by name, and how many objects use each.
    private static readonly Dictionary<string, SharedMemoryFile> s_attached = new(StringComparer.Ordinal);
    private static readonly Dictionary<SharedMemoryFile, int> s_references = new(ReferenceEqualityComparer.Instance);

    public static SharedKind Kind(SharedMemoryFile file) => (SharedKind)(*(int*)(file.Pointer + 8));

    public static int ElementSize(SharedMemoryFile file) => *(int*)(file.Pointer + 12);

    public static long Length(SharedMemoryFile file) => *(long*)(file.Pointer + 16);

    public static int TypeHash(SharedMemoryFile file) => *(int*)(file.Pointer + 24);

    public static int Extra(SharedMemoryFile file) => *(int*)(file.Pointer + 28);

    public static string TypeName(SharedMemoryFile file)
    {
        int length = Math.Clamp(*(int*)(file.Pointer + 32), 0, NameCapacity);
        return System.Text.Encoding.UTF8.GetString(file.Pointer + NameOffset, length);
    }

    /// <summary>Checks that a data file holds elements of <typeparamref name="T"/>; <paramref name="opener"/> is how the caller names its type.</summary>
    public static void CheckElementType<T>(SharedMemoryFile file, string what, string opener)
        where T : unmanaged
    {
        if (ElementSize(file) != sizeof(T) || TypeHash(file) != ElementType<T>.Hash)
        {
            throw new InvalidDataException(
                $"The {what} holds {TypeName(file)} elements ({ElementSize(file)} bytes each); it cannot be opened as {opener}<{ElementType<T>.Name}> ({sizeof(T)} bytes each). " +
                "Open it with the element type it was created with.");
        }
    }

    /// <summary>How a message names a kind.</summary>
    public static string Describe(SharedKind kind) => kind switch
    {
        SharedKind.Array => "shared array",
        SharedKind.Value => "shared value",
        SharedKind.Lock => "process lock",
        SharedKind.Semaphore => "process semaphore",
        SharedKind.Event => "process event",
        SharedKind.Barrier => "process barrier",
        _ => $"shared object of unknown kind {(int)kind}",
    };

    /// <summary>The element type's identity as headers record it.</summary>
    public static class ElementType<T>
    {
        /// <summary>The type's short name, for messages.</summary>
        public static readonly string Name = typeof(T).Name;

        /// <summary>FNV-1a of the type's full name: tells apart types of the same size (int and float).</summary>
        public static readonly int Hash = Fnv(typeof(T).FullName ?? typeof(T).Name);

        private static int Fnv(string text)
        {
            uint hash = 2166136261;
            foreach (char c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return (int)hash;
        }
    }
}

/// <summary>Waiting helpers shared by the cross-process synchronisation primitives.</summary>
internal static class SharedWait
{
    /// <summary>How many short spins a waiter makes before it sleeps on the futex.</summary>
    public const int SpinCount = 50;

    private static readonly Task<bool> s_true = Task.FromResult(true);
    private static readonly Task<bool> s_false = Task.FromResult(false);

    /// <summary>A completed task for <paramref name="value"/> (no allocation).</summary>
    public static Task<bool> FromResult(bool value) => value ? s_true : s_false;

    /// <summary>
    /// Runs a blocking futex wait for an async caller on a dedicated thread, never on a thread-pool thread (a
    /// two-core machine has two of those, and two blocked waiters would starve it). Callers try without waiting first;
    /// <paramref name="wait"/> gets the milliseconds left of the caller's timeout.
    /// </summary>
    public static Task<bool> RunAsync<TState>(TState state, Func<TState, int, CancellationToken, bool> wait, int millisecondsTimeout, CancellationToken cancellationToken)
    {
        long deadline = FutexLock.Deadline(millisecondsTimeout);
        return Task.Factory.StartNew(
            () => wait(state, deadline == long.MaxValue ? -1 : (int)Math.Clamp(deadline - Environment.TickCount64, 0, int.MaxValue), cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach,
            TaskScheduler.Default);
    }

    /// <summary>The timeout of an optional <see cref="TimeSpan"/> in milliseconds (-1: none).</summary>
    public static int Milliseconds(TimeSpan? timeout, string parameter) => timeout is { } t ? FutexLock.Milliseconds(t, parameter) : -1;
}
