using System.Runtime.InteropServices;

namespace Multiprocessing.Shared;

/// <summary>
/// A file under <c>/dev/shm</c> mapped into this process. Named maps do not exist on Unix, so shared objects travel
/// between processes as a file name. Every name starts with <c>mp-&lt;creator pid&gt;-</c>: the creator removes its
/// files when it disposes them or exits, and when a process dies without doing so its parent (which outlives it) or its
/// children (which notice it is gone) remove them for it, so nothing stays behind after a crash.
/// </summary>
internal sealed unsafe class SharedMemoryFile : IDisposable
{
    private static readonly string s_directory = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
    private static int s_cleanupRegistered;
    private byte* _pointer;

    private SharedMemoryFile(string name, byte* pointer, long length, bool owner)
    {
        Name = name;
        _pointer = pointer;
        Length = length;
        IsOwner = owner;
    }

    /// <summary>The file name (no directory): what a descriptor carries to another process.</summary>
    public string Name { get; }

    /// <summary>The mapping's size in bytes.</summary>
    public long Length { get; }

    /// <summary>Whether this mapping created the file and removes it on dispose.</summary>
    public bool IsOwner { get; }

    /// <summary>Whether the mapping is still there (not disposed).</summary>
    public bool IsMapped => _pointer != null;

    /// <summary>The start of the mapping.</summary>
    public byte* Pointer => _pointer != null ? _pointer : throw new ObjectDisposedException(Name, $"The shared memory '{Name}' is closed in this process.");

    /// <summary>A new name owned by this process.</summary>
    /// <remarks>
    /// The random part comes from <see cref="Guid.NewGuid"/> (the kernel's getrandom, as RandomNumberGenerator), hexed
    /// by hand: in a child, the first RandomNumberGenerator call loads OpenSSL and the first ToHexStringLower JITs its
    /// vectorised encoder, ~6 ms together before the child's first shared object.
    /// </remarks>
    public static string NewName()
    {
        Span<byte> random = stackalloc byte[16];
        Guid.NewGuid().TryWriteBytes(random);
        Span<char> hex = stackalloc char[16];
        for (int i = 0; i < 8; i++)
        {
            byte b = random[8 + i]; // the second half: 62 random bits (the version nibble sits in the first)
            hex[2 * i] = "0123456789abcdef"[b >> 4];
            hex[(2 * i) + 1] = "0123456789abcdef"[b & 15];
        }

        return $"mp-{Environment.ProcessId}-{hex}";
    }

    /// <summary>
    /// Creates (exclusively) and maps a zero-filled file; <paramref name="owner"/> removes it on dispose.
    /// <paramref name="reserve"/> allocates its pages now, so that a full /dev/shm is an <see cref="IOException"/> here
    /// rather than a SIGBUS at the first write to a page that cannot be allocated.
    /// </summary>
    public static SharedMemoryFile Create(string name, long length, bool owner = true, bool reserve = false)
    {
        RegisterExitCleanup();
        string path = PathOf(name);
        int fd = Linux.open(path, Linux.O_RDWR | Linux.O_CREAT | Linux.O_EXCL | Linux.O_CLOEXEC, 0b110_000_000);
        if (fd < 0)
        {
            throw Error($"create the shared memory file {path}", Marshal.GetLastPInvokeError());
        }

        try
        {
            if (Linux.ftruncate(fd, length) != 0)
            {
                int error = Marshal.GetLastPInvokeError();
                Linux.unlink(path);
                throw Error($"size the shared memory file {path} to {length} bytes", error);
            }

            if (reserve && Linux.fallocate(fd, 0, 0, length) != 0 && Marshal.GetLastPInvokeError() is int reserveError && reserveError != Linux.EOPNOTSUPP)
            {
                Linux.unlink(path);
                throw Error($"allocate {length} bytes for the shared memory file {path}", reserveError);
            }

            return new SharedMemoryFile(name, Map(fd, length, path), length, owner);
        }
        finally
        {
            Linux.close(fd);
        }
    }

    /// <summary>Maps an existing file by name, or returns null when it does not exist (any more).</summary>
    public static SharedMemoryFile? TryOpen(string name)
    {
        string path = PathOf(name);
        int fd = Linux.open(path, Linux.O_RDWR | Linux.O_CLOEXEC, 0);
        if (fd < 0)
        {
            return null;
        }

        try
        {
            long length = Linux.lseek(fd, 0, Linux.SEEK_END);
            return length <= 0 ? null : new SharedMemoryFile(name, Map(fd, length, path), length, owner: false);
        }
        finally
        {
            Linux.close(fd);
        }
    }

    /// <summary>Maps an existing file; <paramref name="what"/> names the shared object in the error when it is gone.</summary>
    public static SharedMemoryFile Open(string name, string what) =>
        TryOpen(name) ?? throw new ObjectDisposedException(what,
            $"The {what} no longer exists: the process that created it (pid {OwnerOf(name)}) disposed it or exited. Shared objects live as long as the process that created them; create it in a process that outlives every user.");

    /// <summary>The creator's pid encoded in a name, or 0.</summary>
    public static int OwnerOf(string name)
    {
        // Digits by hand: int.TryParse consults the current culture, which loads ICU (milliseconds of a child's start).
        if (!name.StartsWith("mp-", StringComparison.Ordinal))
        {
            return 0;
        }

        int pid = 0, i = 3;
        for (; i < name.Length && i < 12 && char.IsAsciiDigit(name[i]); i++)
        {
            pid = pid * 10 + (name[i] - '0');
        }

        return i > 3 && i < name.Length && name[i] == '-' ? pid : 0;
    }

    /// <summary>Whether the file is still there (its creator has not removed it).</summary>
    public static bool Exists(string name) => File.Exists(PathOf(name));

    /// <summary>Removes the file (its mappings stay valid until unmapped).</summary>
    public static void Unlink(string name) => Linux.unlink(PathOf(name));

    /// <summary>Removes every shared file created by <paramref name="pid"/>: called for a process known to be gone.</summary>
    public static void RemoveFilesOf(int pid) => RemoveFiles($"mp-{pid}-*");

    /// <summary>Removes every file whose name matches <paramref name="pattern"/> (a file name with <c>*</c>).</summary>
    public static void RemoveFiles(string pattern)
    {
        try
        {
            foreach (string file in Directory.EnumerateFiles(s_directory, pattern))
            {
                Linux.unlink(file);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Removes what processes that no longer exist left behind (killed with no parent or child to clean up).</summary>
    private static void RemoveFilesOfDeadProcesses()
    {
        try
        {
            foreach (string file in Directory.EnumerateFiles(s_directory, "mp-*"))
            {
                int owner = OwnerOf(Path.GetFileName(file));
                if (owner > 0 && !Linux.ProcessExists(owner))
                {
                    Linux.unlink(file);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public void Dispose()
    {
        byte* pointer = _pointer;
        _pointer = null;
        if (pointer != null)
        {
            Linux.munmap(pointer, (nuint)Length);
            if (IsOwner)
            {
                Unlink(Name);
            }
        }
    }

    private static string PathOf(string name)
    {
        // Names arrive from other processes: never let one point outside the directory.
        if (OwnerOf(name) == 0 || name.AsSpan().IndexOfAny('/', '\0') >= 0 || name.Contains("..", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"'{name}' is not a Multiprocessing shared memory name.");
        }

        return Path.Combine(s_directory, name);
    }

    private static byte* Map(int fd, long length, string path)
    {
        void* pointer = Linux.mmap(null, (nuint)length, Linux.PROT_READ | Linux.PROT_WRITE, Linux.MAP_SHARED, fd, 0);
        if (pointer == (void*)-1)
        {
            throw Error($"map the shared memory file {path}", Marshal.GetLastPInvokeError());
        }

        return (byte*)pointer;
    }

    private static IOException Error(string action, int errno) =>
        new($"Could not {action}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}). Shared memory needs a writable /dev/shm with room for the object.");

    // What this process created and did not dispose goes when it exits normally, after the children that may still
    // use it (Python joins non-daemon children at exit too).
    private static void RegisterExitCleanup()
    {
        if (Interlocked.Exchange(ref s_cleanupRegistered, 1) == 0)
        {
            RemoveFilesOfDeadProcesses();
            AppDomain.CurrentDomain.ProcessExit += static (_, _) =>
            {
                ChildProcess.JoinNonDaemonChildren();
                RemoveFilesOf(Environment.ProcessId);
            };
        }
    }
}
