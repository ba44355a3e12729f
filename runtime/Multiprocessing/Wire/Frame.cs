using System.Buffers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using Multiprocessing.Serialization;

namespace Multiprocessing.Wire;

/// <summary>What a frame on the parent-child connection carries.</summary>
internal enum FrameKind : byte
{
    /// <summary>Child to parent, first frame: spawn token, pid, build identity.</summary>
    Hello = 1,

    /// <summary>Parent to child: target id, child name, serialized arguments.</summary>
    Run = 2,

    /// <summary>Parent to child: the parent will not run anything for this child (and why).</summary>
    Refuse = 3,

    /// <summary>Child to parent: the target returned; the serialized result follows.</summary>
    Result = 4,

    /// <summary>Child to parent: the target threw; type name, message and stack trace follow.</summary>
    Error = 5,

    /// <summary>Parent to child: cancel the token of a call (a task id; 0 for a single child's target).</summary>
    Cancel = 6,

    /// <summary>Parent to child: become a pool worker (name, initializer target id or empty, its arguments).</summary>
    Work = 7,

    /// <summary>Worker to parent: the initializer ran; tasks may come.</summary>
    Ready = 8,

    /// <summary>Parent to worker: run a chunk (task id, target id, item count, the items' arguments one after the other).</summary>
    Task = 9,

    /// <summary>Worker to parent: a chunk ran (task id, results of the items that returned, errors of those that threw).</summary>
    TaskDone = 10,

    /// <summary>
    /// Child to parent: the process exits before its target reported (its code called <c>Environment.Exit</c>), with
    /// this code. The parent may read the exit status as .NET's 128 + N, which would otherwise look like signal N.
    /// </summary>
    Exiting = 11,
}

/// <summary>
/// Length-prefixed frames over a connected stream socket: a 4-byte little-endian payload length, a kind byte,
/// then the payload. Blocking reads on a thread of their own, at both ends: no async hop on the hot path.
/// </summary>
/// <remarks>
/// The parent uses a <see cref="System.Net.Sockets.Socket"/>. A child on Linux uses the socket's descriptor with plain
/// system calls instead: creating its first <c>Socket</c> costs a JIT-compiled child about 12 ms of start-up, more than
/// everything else it does before running its target. Exceptions are <see cref="IOException"/>s either way.
/// </remarks>
internal sealed class FrameConnection : IDisposable
{
    /// <summary>The largest payload accepted; anything larger is a corrupt or hostile peer.</summary>
    public const int MaxPayloadLength = 1 << 30;

    /// <summary>The largest serialized arguments or result of one call: a frame, less room for ids and names.</summary>
    public const int MaxCallLength = MaxPayloadLength - (1 << 20);

    private const int HeaderLength = 5;
    private readonly Lock _sendLock = new();
    private readonly Socket? _socket;
    private readonly NativeSocket? _native;

    public FrameConnection(Socket socket) => _socket = socket;

    private FrameConnection(NativeSocket native) => _native = native;

    /// <summary>Connects to the Unix-domain socket at <paramref name="path"/> (a child to its parent).</summary>
    public static FrameConnection Connect(string path) =>
        OperatingSystem.IsLinux() ? new FrameConnection(NativeSocket.Connect(path)) : new FrameConnection(ConnectSocket(path));

    /// <summary>Ends both directions: the peer reads the end of the stream.</summary>
    public void Shutdown()
    {
        if (_socket is not null)
        {
            ShutdownSocket(_socket);
        }
        else
        {
            _native!.Shutdown();
        }
    }

    /// <summary>Waits until a frame can be read (or the peer has gone) or <paramref name="milliseconds"/> have passed.</summary>
    public bool WaitReadable(int milliseconds) =>
        HasBufferedFrame || (_socket is not null ? PollSocket(_socket, milliseconds) : _native!.Poll(milliseconds));

    public void Send(FrameKind kind, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxPayloadLength)
        {
            throw new InvalidDataException($"A frame of {payload.Length:N0} bytes is larger than the {MaxPayloadLength:N0} bytes a connection carries.");
        }

        int length = HeaderLength + payload.Length;
        if (length <= 512)
        {
            // small frames (a child's hello and most results) skip the shared pool, whose first use costs a child ~0.5 ms
            Span<byte> small = stackalloc byte[length];
            SendFrame(kind, payload, small);
            return;
        }

        byte[] frame = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            SendFrame(kind, payload, new Span<byte>(frame, 0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    private void SendFrame(FrameKind kind, ReadOnlySpan<byte> payload, Span<byte> frame)
    {
        LittleEndian.WriteInt32(frame, payload.Length);
        frame[4] = (byte)kind;
        payload.CopyTo(frame[HeaderLength..]);
        lock (_sendLock)
        {
            ReadOnlySpan<byte> remaining = frame;
            while (!remaining.IsEmpty)
            {
                remaining = remaining[(_socket is not null ? SendSocket(_socket, remaining) : _native!.Send(remaining))..];
            }
        }
    }

    /// <summary>Blocks for the next frame; <see langword="null"/> when the peer closed the connection cleanly.</summary>
    /// <remarks>Reads ahead into a buffer: a burst of small frames costs one system call, not two per frame.</remarks>
    public Frame? Receive()
    {
        if (!Fill(HeaderLength))
        {
            return null;
        }

        var kind = ParseHeader(new ReadOnlySpan<byte>(_receiveBuffer, _start, HeaderLength), out int length);
        _start += HeaderLength;
        byte[] payload = new byte[length];
        int buffered = Math.Min(length, _end - _start);
        new ReadOnlySpan<byte>(_receiveBuffer, _start, buffered).CopyTo(payload);
        _start += buffered;
        if (buffered < length)
        {
            ReceiveExactly(new Span<byte>(payload, buffered, length - buffered)); // a large payload goes straight to its array
        }

        return new Frame(kind, payload);
    }

    /// <summary>Whether a whole frame is already buffered, so <see cref="Receive"/> will not block.</summary>
    public bool HasBufferedFrame =>
        _end - _start >= HeaderLength &&
        _end - _start >= HeaderLength + LittleEndian.ReadInt32(new ReadOnlySpan<byte>(_receiveBuffer, _start, _end - _start));

    private readonly byte[] _receiveBuffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>Makes at least <paramref name="count"/> bytes available in the buffer; false at a clean end of stream.</summary>
    private bool Fill(int count)
    {
        if (_end - _start >= count)
        {
            return true;
        }

        if (_start > 0)
        {
            new ReadOnlySpan<byte>(_receiveBuffer, _start, _end - _start).CopyTo(_receiveBuffer);
            _end -= _start;
            _start = 0;
        }

        while (_end < count)
        {
            int n = ReceiveSome(new Span<byte>(_receiveBuffer, _end, _receiveBuffer.Length - _end));
            if (n == 0)
            {
                return _end == 0 ? false : throw Truncated(_end, count);
            }

            _end += n;
        }

        return true;
    }

    public void Dispose()
    {
        if (_socket is not null)
        {
            DisposeSocket(_socket);
        }
        else
        {
            _native!.Dispose();
        }
    }

    private int ReceiveSome(Span<byte> buffer) => _socket is not null ? ReceiveSocket(_socket, buffer) : _native!.Receive(buffer);

    // The Socket calls live in methods of their own: a child on the native path never JIT-compiles them, so it never
    // loads the sockets stack. Their errors become IOExceptions, as the native path's are.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Socket ConnectSocket(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new IOException(e.Message, e);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int SendSocket(Socket socket, ReadOnlySpan<byte> data)
    {
        try
        {
            return socket.Send(data);
        }
        catch (SocketException e)
        {
            throw new IOException(e.Message, e);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ReceiveSocket(Socket socket, Span<byte> buffer)
    {
        try
        {
            return socket.Receive(buffer);
        }
        catch (SocketException e)
        {
            throw new IOException(e.Message, e);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool PollSocket(Socket socket, int milliseconds)
    {
        try
        {
            return socket.Poll(milliseconds * 1000, SelectMode.SelectRead);
        }
        catch (SocketException e)
        {
            throw new IOException(e.Message, e);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ShutdownSocket(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // already closed by the peer
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DisposeSocket(Socket socket) => socket.Dispose();

    private static FrameKind ParseHeader(ReadOnlySpan<byte> header, out int length)
    {
        length = LittleEndian.ReadInt32(header);
        var kind = (FrameKind)header[4];
        if (length < 0 || length > MaxPayloadLength || kind < FrameKind.Hello || kind > FrameKind.Exiting)
        {
            throw new InvalidDataException($"Corrupt frame from the peer (kind {(byte)kind}, length {length}).");
        }

        return kind;
    }

    private void ReceiveExactly(Span<byte> buffer)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n = ReceiveSome(buffer[read..]);
            if (n == 0)
            {
                throw Truncated(read, buffer.Length);
            }

            read += n;
        }
    }

    private static EndOfStreamException Truncated(int read, int expected) =>
        new($"The peer closed the connection in the middle of a frame ({read} of {expected} bytes received).");
}

/// <summary>One frame received: its kind and payload. (A class, not a tuple: a child JIT-compiles no tuple code to start.)</summary>
internal sealed class Frame(FrameKind kind, byte[] payload)
{
    public FrameKind Kind { get; } = kind;

    public byte[] Payload { get; } = payload;
}

/// <summary>Builds a frame payload.</summary>
internal sealed class PayloadWriter
{
    private readonly ByteBuffer _buffer = new(128);

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public void Clear() => _buffer.Clear();

    public PayloadWriter Int64(long value)
    {
        LittleEndian.WriteInt64(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
        return this;
    }

    public PayloadWriter Int32(int value)
    {
        LittleEndian.WriteInt32(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        return this;
    }

    public PayloadWriter Bytes(ReadOnlySpan<byte> value)
    {
        Int32(value.Length);
        _buffer.Write(value);
        return this;
    }

    public PayloadWriter String(string value)
    {
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        int n = Utf8.Encode(value, _buffer.GetSpan(4 + max)[4..]);
        Int32(n);
        _buffer.Advance(n);
        return this;
    }
}

/// <summary>Reads a frame payload in the order a <see cref="PayloadWriter"/> wrote it.</summary>
internal ref struct PayloadReader(ReadOnlySpan<byte> payload)
{
    private ReadOnlySpan<byte> _remaining = payload;

    public int Int32()
    {
        if (_remaining.Length < 4)
        {
            throw new InvalidDataException("Corrupt frame payload: truncated integer.");
        }

        int value = LittleEndian.ReadInt32(_remaining);
        _remaining = _remaining[4..];
        return value;
    }

    public long Int64()
    {
        if (_remaining.Length < 8)
        {
            throw new InvalidDataException("Corrupt frame payload: truncated integer.");
        }

        long value = LittleEndian.ReadInt64(_remaining);
        _remaining = _remaining[8..];
        return value;
    }

    public ReadOnlySpan<byte> Bytes()
    {
        int length = Int32();
        if (length < 0 || length > _remaining.Length)
        {
            throw new InvalidDataException("Corrupt frame payload: a length runs past the end of the frame.");
        }

        var value = _remaining[..length];
        _remaining = _remaining[length..];
        return value;
    }

    public string String() => Utf8.Decode(Bytes());
}

/// <summary>
/// Little-endian integers, as BinaryPrimitives writes them. Not BinaryPrimitives itself: it lives behind
/// System.Memory.dll, whose load costs a JIT-compiled child ~0.25 ms of start-up on frames it could read without it.
/// </summary>
internal static class LittleEndian
{
    public static void WriteInt32(Span<byte> destination, int value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, 4);
        destination[0] = (byte)value;
        destination[1] = (byte)(value >> 8);
        destination[2] = (byte)(value >> 16);
        destination[3] = (byte)(value >> 24);
    }

    public static void WriteInt64(Span<byte> destination, long value)
    {
        WriteInt32(destination, (int)value);
        WriteInt32(destination[4..], (int)(value >> 32));
    }

    public static int ReadInt32(ReadOnlySpan<byte> source)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(source.Length, 4);
        return source[0] | (source[1] << 8) | (source[2] << 16) | (source[3] << 24);
    }

    public static long ReadInt64(ReadOnlySpan<byte> source) => (uint)ReadInt32(source) | ((long)ReadInt32(source[4..]) << 32);
}
