using System.Runtime.InteropServices;

namespace Multiprocessing.Wire;

/// <summary>A connected Unix-domain stream socket driven by plain Linux system calls (see <see cref="FrameConnection"/>).</summary>
internal sealed unsafe partial class NativeSocket : IDisposable
{
    private const int AF_UNIX = 1, SOCK_STREAM = 1, SOCK_CLOEXEC = 0x80000, MSG_NOSIGNAL = 0x4000, EINTR = 4, SHUT_RDWR = 2;
    private const short POLLIN = 1;
    private int _fd;

    private NativeSocket(int fd) => _fd = fd;

    public static NativeSocket Connect(string path)
    {
        int fd = Check(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), "socket");
        // struct sockaddr_un { sa_family_t sun_family; char sun_path[108]; }
        byte* address = stackalloc byte[110];
        new Span<byte>(address, 110).Clear();
        *(ushort*)address = AF_UNIX;
        int length = Utf8.Encode(path, new Span<byte>(address + 2, 107));
        int result;
        do
        {
            result = connect(fd, address, 2 + length + 1);
        }
        while (result < 0 && Marshal.GetLastPInvokeError() == EINTR);

        if (result < 0)
        {
            int error = Marshal.GetLastPInvokeError();
            close(fd);
            throw Error("connect", error);
        }

        return new NativeSocket(fd);
    }

    public int Send(ReadOnlySpan<byte> data)
    {
        fixed (byte* bytes = data)
        {
            while (true)
            {
                nint n = send(_fd, bytes, data.Length, MSG_NOSIGNAL);
                if (n >= 0)
                {
                    return (int)n;
                }

                if (Marshal.GetLastPInvokeError() != EINTR)
                {
                    throw Error("send", Marshal.GetLastPInvokeError());
                }
            }
        }
    }

    public int Receive(Span<byte> buffer)
    {
        fixed (byte* bytes = buffer)
        {
            while (true)
            {
                nint n = recv(_fd, bytes, buffer.Length, 0);
                if (n >= 0)
                {
                    return (int)n;
                }

                if (Marshal.GetLastPInvokeError() != EINTR)
                {
                    throw Error("recv", Marshal.GetLastPInvokeError());
                }
            }
        }
    }

    /// <summary>Whether data (or the end of the stream) can be read within <paramref name="milliseconds"/>.</summary>
    public bool Poll(int milliseconds)
    {
        var fd = new PollFd { Fd = _fd, Events = POLLIN };
        int n = poll(&fd, 1, milliseconds);
        return n > 0 || (n < 0 && Marshal.GetLastPInvokeError() != EINTR ? throw Error("poll", Marshal.GetLastPInvokeError()) : false);
    }

    public void Shutdown() => _ = shutdown(_fd, SHUT_RDWR);

    public void Dispose()
    {
        int fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            close(fd);
        }
    }

    private static int Check(int result, string call) => result >= 0 ? result : throw Error(call, Marshal.GetLastPInvokeError());

    private static IOException Error(string call, int errno) => new($"{call}() failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int connect(int fd, byte* address, int length);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint send(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint recv(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int poll(PollFd* fds, nuint count, int timeout);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int shutdown(int fd, int how);

    [LibraryImport("libc")]
    private static partial int close(int fd);
}
