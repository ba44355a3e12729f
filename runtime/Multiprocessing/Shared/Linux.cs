using System.Runtime.InteropServices;

namespace Multiprocessing.Shared;

/// <summary>
/// The Linux system calls shared memory and cross-process synchronisation stand on: files under <c>/dev/shm</c>
/// mapped with <c>mmap</c>, and futexes on words inside those mappings (a futex without FUTEX_PRIVATE_FLAG wakes
/// waiters in every process that maps the page).
/// </summary>
internal static unsafe partial class Linux
{
    private const int FUTEX_WAIT = 0, FUTEX_WAKE = 1, ETIMEDOUT = 110, ESRCH = 3;

    // The futex system call number differs per architecture.
    private static readonly nint s_futex = RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 202,
        Architecture.Arm64 or Architecture.LoongArch64 or Architecture.RiscV64 => 98,
        Architecture.X86 => 240,
        Architecture.Arm => 240,
        _ => throw new PlatformNotSupportedException($"Shared memory synchronisation is not supported on {RuntimeInformation.ProcessArchitecture}."),
    };

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }

    /// <summary>Sleeps while <c>*word == expected</c>, at most <paramref name="milliseconds"/> (negative: no limit).
    /// Returns false on timeout; true when woken, interrupted, or the word already differs.</summary>
    public static bool FutexWait(int* word, int expected, int milliseconds)
    {
        TimeSpec timeout = new() { Seconds = milliseconds / 1000, Nanoseconds = (nint)(milliseconds % 1000 * 1_000_000L) };
        nint result = syscall(s_futex, (nint)word, FUTEX_WAIT, expected, milliseconds < 0 ? 0 : (nint)(&timeout), 0, 0);
        return result == 0 || Marshal.GetLastPInvokeError() != ETIMEDOUT;
    }

    /// <summary>Wakes up to <paramref name="count"/> processes sleeping on <paramref name="word"/>.</summary>
    public static void FutexWake(int* word, int count = int.MaxValue) => syscall(s_futex, (nint)word, FUTEX_WAKE, count, 0, 0, 0);

    /// <summary>Whether a process with this id exists (signal 0 checks without sending anything).</summary>
    public static bool ProcessExists(int pid) => pid > 0 && (kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() != ESRCH);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint syscall(nint number, nint a1, nint a2, nint a3, nint a4, nint a5, nint a6);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int open(string path, int flags, int mode);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int ftruncate(int fd, long length);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial long lseek(int fd, long offset, int whence);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int fallocate(int fd, int mode, long offset, long length);

    [LibraryImport("libc")]
    internal static partial int getppid();

    [LibraryImport("libc", SetLastError = true)]
    internal static partial void* mmap(void* address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc", SetLastError = true)]
    internal static partial int munmap(void* address, nuint length);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int unlink(string path);

    internal const int O_RDWR = 2, O_CREAT = 0x40, O_EXCL = 0x80, O_CLOEXEC = 0x80000, SEEK_END = 2, EEXIST = 17, EOPNOTSUPP = 95, PROT_READ = 1, PROT_WRITE = 2, MAP_SHARED = 1;
}
