using System.Runtime.CompilerServices;
using MemoryPack;
using Multiprocessing.Channels;
using Multiprocessing.Shared;

namespace Multiprocessing;

/// <summary>Creates pipes: two connected ends (Python's <c>multiprocessing.Pipe()</c>).</summary>
public static class ProcessPipe
{
    /// <summary>
    /// Creates a duplex pipe carrying <typeparamref name="T"/> messages: what one end sends, the other receives, in
    /// order. Pass either end to a <see cref="ProcessTargetAttribute">process target</see>; the process that received
    /// an end owns it from then on, and the end closes when its target returns.
    /// </summary>
    /// <typeparam name="T">The message type: anything a target parameter can be.</typeparam>
    /// <returns>The two ends; deconstruct them: <c>var (parentEnd, childEnd) = ProcessPipe.Create&lt;int&gt;();</c></returns>
    public static (PipeConnection<T> First, PipeConnection<T> Second) Create<T>()
    {
        var forward = MessageLog.Create("pipe", MessageCodec<T>.TypeHash, capacity: 0, typeName: MessageCodec<T>.TypeName);
        var backward = MessageLog.Create("pipe", MessageCodec<T>.TypeHash, capacity: 0, typeName: MessageCodec<T>.TypeName);
        int pid = Environment.ProcessId;
        forward.WriterPid = forward.ReaderPid = backward.WriterPid = backward.ReaderPid = pid;
        // Each end maps the logs on its own, so that closing one end leaves the other one's mappings alone.
        var backwardView = MessageLog.Open("pipe", backward.Name, MessageCodec<T>.TypeHash, MessageCodec<T>.TypeName);
        var forwardView = MessageLog.Open("pipe", forward.Name, MessageCodec<T>.TypeHash, MessageCodec<T>.TypeName);
        return (new PipeConnection<T>(outgoing: forward, incoming: backward, attached: false),
                new PipeConnection<T>(outgoing: backwardView, incoming: forwardView, attached: false));
    }
}

/// <summary>
/// One end of a <see cref="ProcessPipe"/> (Python's <c>Connection</c>): <see cref="Send"/> and <see cref="Receive"/>
/// typed messages, or raw bytes with <see cref="SendBytes"/> and <see cref="ReceiveBytesInto"/>.
/// </summary>
/// <remarks>
/// Messages travel through shared memory; sending never blocks (the pipe grows). When the other end is closed (or its
/// target returned), <see cref="Receive"/> returns what was sent before and then throws
/// <see cref="EndOfStreamException"/> (Python's <c>EOFError</c>) and <see cref="ReceiveAllAsync"/> ends. When the other
/// end's process died without closing, the receiver gets an <see cref="IOException"/> that names it instead of a hang,
/// and so does the sender, within milliseconds, instead of filling a pipe nobody reads.
/// </remarks>
/// <typeparam name="T">The message type.</typeparam>
public sealed class PipeConnection<T> : IDisposable, IMemoryPackFormatterRegister, IHandedOff
{
    private readonly MessageLog _outgoing, _incoming;
    private readonly RecordWriter _scratch = new();
    private readonly MessageLog.MessageReader<T> _deserialize;
    private readonly Action _checkPeer;
    private bool _closed;
    private long _nextReaderCheck; // Environment.TickCount64 of the next look at whether the reader's process still runs
    private int _deadReader;       // the reader's pid once it was found gone

    static PipeConnection() => RegisterFormatter();

    internal PipeConnection(MessageLog outgoing, MessageLog incoming, bool attached)
    {
        _outgoing = outgoing;
        _incoming = incoming;
        string description = incoming.Description;
        _deserialize = span => MessageCodec<T>.Deserialize(span, description);
        _checkPeer = CheckPeer;
        if (attached)
        {
            // This process received the end: it owns it now.
            _outgoing.WriterPid = _incoming.ReaderPid = Environment.ProcessId;
            AttachedChannels.Add(this);
        }
    }

    /// <summary>Whether this end was closed in this process.</summary>
    public bool IsClosed => _closed;

    /// <summary>Sends a message; it is serialized straight into shared memory.</summary>
    /// <exception cref="IOException">The other end is closed, or its process exited without closing it (Python's <c>BrokenPipeError</c>).</exception>
    public void Send(T message)
    {
        ThrowIfCannotSend();
        _outgoing.Write(message, MessageCodec<T>.Serialize, _scratch);
    }

    /// <summary>
    /// Sends a message. A pipe never makes a sender wait for its reader to catch up for long (see <see cref="Send"/>), so
    /// this completes at once; it exists for code that is asynchronous throughout.
    /// </summary>
    /// <exception cref="IOException">The other end is closed, or its process exited without closing it.</exception>
    public ValueTask SendAsync(T message, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Send(message);
        return ValueTask.CompletedTask;
    }

    /// <summary>Sends <paramref name="bytes"/> as one message, copied once (Python's <c>send_bytes</c>).</summary>
    /// <exception cref="IOException">The other end is closed, or its process exited without closing it.</exception>
    public void SendBytes(ReadOnlySpan<byte> bytes)
    {
        ThrowIfCannotSend();
        _outgoing.Write(bytes);
    }

    /// <summary>Receives the next message, waiting for one (Python's <c>recv</c>).</summary>
    /// <exception cref="EndOfStreamException">The other end was closed and every message it sent was received.</exception>
    /// <exception cref="IOException">The other end's process exited without closing it.</exception>
    public T Receive(CancellationToken cancellationToken = default)
    {
        TryReceive(out T message, Timeout.InfiniteTimeSpan, cancellationToken);
        return message;
    }

    /// <summary>Receives the next message, waiting at most <paramref name="timeout"/>; false when none came in time.</summary>
    /// <exception cref="EndOfStreamException">The other end was closed and every message it sent was received.</exception>
    public bool TryReceive(out T message, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        long deadline = FutexLock.Deadline(FutexLock.Milliseconds(timeout, nameof(timeout)));
        while (true)
        {
            ThrowIfClosed();
            if (_incoming.TryRead(_deserialize, out message))
            {
                return true;
            }

            if (!WaitForMessage(deadline, cancellationToken))
            {
                return false;
            }
        }
    }

    /// <summary>Receives the next message without blocking the caller's thread.</summary>
    public ValueTask<T> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        if (_incoming.TryRead(_deserialize, out T message))
        {
            return new(message);
        }

        return new(Task.Factory.StartNew(() => Receive(cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default));
    }

    /// <summary>Every message until the other end closes (then the enumeration ends cleanly).</summary>
    public async IAsyncEnumerable<T> ReceiveAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            ThrowIfClosed();
            if (_incoming.TryRead(_deserialize, out T message))
            {
                yield return message;
                continue;
            }

            if (IsDrainedAndClosed())
            {
                yield break;
            }

            bool ended = await BlockingWait.RunAsync(() =>
            {
                _incoming.WaitForData(-1, cancellationToken, _checkPeer);
                return IsDrainedAndClosed();
            }, cancellationToken).ConfigureAwait(false);
            if (ended)
            {
                yield break;
            }
        }
    }

    /// <summary>Receives the next message's bytes into <paramref name="buffer"/> (Python's <c>recv_bytes_into</c>); returns its length.</summary>
    /// <exception cref="ArgumentException"><paramref name="buffer"/> is too small; the message stays in the pipe.</exception>
    /// <exception cref="EndOfStreamException">The other end was closed and every message it sent was received.</exception>
    public unsafe int ReceiveBytesInto(Span<byte> buffer, CancellationToken cancellationToken = default)
    {
        fixed (byte* destination = buffer)
        {
            nint target = (nint)destination;
            int capacity = buffer.Length;
            MessageLog.MessageReader<int> copy = span =>
            {
                span.CopyTo(new Span<byte>((byte*)target, capacity));
                return span.Length;
            };
            while (true)
            {
                ThrowIfClosed();
                if (_incoming.TryRead(copy, out int length, capacity, out int size))
                {
                    return length;
                }

                if (size >= 0)
                {
                    throw new ArgumentException($"The next message on the {_incoming.Description} has {size} bytes; the buffer holds {capacity}. The message stays in the pipe.", nameof(buffer));
                }

                WaitForMessage(long.MaxValue, cancellationToken);
            }
        }
    }

    /// <summary>Receives the next message as bytes (Python's <c>recv_bytes</c>).</summary>
    public byte[] ReceiveBytes(CancellationToken cancellationToken = default)
    {
        MessageLog.MessageReader<byte[]> copy = static span => span.ToArray();
        while (true)
        {
            ThrowIfClosed();
            if (_incoming.TryRead(copy, out byte[] bytes))
            {
                return bytes;
            }

            WaitForMessage(long.MaxValue, cancellationToken);
        }
    }

    /// <summary>Whether a message (or the end of the stream) arrives within <paramref name="timeout"/> (Python's <c>poll</c>).</summary>
    public bool Poll(TimeSpan timeout = default)
    {
        ThrowIfClosed();
        return _incoming.Count > 0 || IsDrainedAndClosed() ||
               (_incoming.WaitForData(FutexLock.Milliseconds(timeout, nameof(timeout)), default, _checkPeer) && (_incoming.Count > 0 || _incoming.IsCompleted));
    }

    /// <summary>Closes this end: the other end receives what was sent, then the end of the stream.</summary>
    public void Dispose()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        int pid = Environment.ProcessId;
        if (_outgoing.WriterPid == pid)
        {
            _outgoing.Complete();
        }

        // The files go with the last end closed (either process may be the last). An end whose process died without
        // closing it (killed) counts as closed: nobody else would ever remove the files.
        bool finished = _outgoing.IsCompleted && (_incoming.IsCompleted || PeerDied());
        _outgoing.Dispose(removeFiles: finished);
        _incoming.Dispose(removeFiles: finished);
    }

    /// <summary>
    /// The child this end was handed to exited. If it never attached the end (it died while starting), the end is now
    /// that dead process's: the other side's receive throws instead of waiting for a handover that never comes.
    /// </summary>
    void IHandedOff.AbandonedBy(int pid)
    {
        if (!_closed)
        {
            MarkAbandoned(_outgoing, _incoming, pid);
            return;
        }

        // This copy was closed (as it should be once handed over): look through a mapping of our own, if the pipe is still there.
        try
        {
            using var outgoing = MessageLog.Open("pipe", _outgoing.Name, MessageCodec<T>.TypeHash, MessageCodec<T>.TypeName);
            using var incoming = MessageLog.Open("pipe", _incoming.Name, MessageCodec<T>.TypeHash, MessageCodec<T>.TypeName);
            MarkAbandoned(outgoing, incoming, pid);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static void MarkAbandoned(MessageLog outgoing, MessageLog incoming, int pid)
    {
        int pending = -Environment.ProcessId;
        if (Interlocked.CompareExchange(ref outgoing.WriterPid, pid, pending) == pending)
        {
            incoming.ReaderPid = pid;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"pipe end ({_outgoing.Name} → {_incoming.Name})";

    private bool WaitForMessage(long deadline, CancellationToken cancellationToken)
    {
        if (IsDrainedAndClosed())
        {
            throw new EndOfStreamException($"The other end of the {_incoming.Description} was closed and every message it sent was received.");
        }

        long left = deadline == long.MaxValue ? -1 : Math.Max(0, deadline - Environment.TickCount64);
        return left != 0 && _incoming.WaitForData((int)Math.Min(left, int.MaxValue), cancellationToken, _checkPeer);
    }

    private bool IsDrainedAndClosed() => _incoming.IsCompleted && _incoming.Count == 0;

    /// <summary>Whether the process that holds the other end exited without closing it.</summary>
    private bool PeerDied()
    {
        int pid = Math.Abs(Volatile.Read(ref _incoming.WriterPid));
        return pid != 0 && !_incoming.IsCompleted && !Linux.ProcessExists(pid);
    }

    /// <summary>A peer that died without closing would leave the receiver waiting forever: name it instead.</summary>
    private void CheckPeer()
    {
        int pid = Math.Abs(Volatile.Read(ref _incoming.WriterPid));
        if (PeerDied() && _incoming.Count == 0)
        {
            throw new IOException(
                $"The other end of the {_incoming.Description} was held by process {pid}, which exited without closing it (it crashed or was killed). Every message it sent was received.");
        }
    }

    private void ThrowIfClosed() => ObjectDisposedException.ThrowIf(_closed, this);

    private void ThrowIfCannotSend()
    {
        ThrowIfClosed();
        if (_incoming.IsCompleted)
        {
            throw new IOException($"The other end of the {_outgoing.Description} is closed: nobody will receive this message (Python's BrokenPipeError).");
        }

        // A reader killed without closing its end would let messages pile up unread for ever. Whether its process still
        // runs costs a system call: asked only while messages wait unread, and at most every few milliseconds.
        if (_deadReader == 0 && _outgoing.Count > 0 && Environment.TickCount64 >= _nextReaderCheck)
        {
            _nextReaderCheck = Environment.TickCount64 + ReaderCheckIntervalMs;
            int pid = Math.Abs(Volatile.Read(ref _outgoing.ReaderPid));
            if (pid != 0 && pid != Environment.ProcessId && !Linux.ProcessExists(pid))
            {
                _deadReader = pid;
            }
        }

        if (_deadReader != 0)
        {
            throw new IOException(
                $"The other end of the {_outgoing.Description} was held by process {_deadReader}, which exited without closing it (it crashed or was killed): nobody will receive this message (Python's BrokenPipeError).");
        }
    }

    private const int ReaderCheckIntervalMs = 10;

    /// <summary>Registers the MemoryPack formatter that hands this end to another process.</summary>
    public static void RegisterFormatter()
    {
        if (!MemoryPackFormatterProvider.IsRegistered<PipeConnection<T>>())
        {
            MemoryPackFormatterProvider.Register(new Formatter());
        }
    }

    private sealed class Formatter : MemoryPackFormatter<PipeConnection<T>>
    {
        public override void Serialize<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, scoped ref PipeConnection<T>? value)
        {
            if (value is null)
            {
                writer.WriteNullObjectHeader();
                return;
            }

            value.ThrowIfClosed();
            // Handed over: closing this process's copy no longer closes the end (the receiver owns it once attached).
            int pending = -Environment.ProcessId;
            value._outgoing.WriterPid = value._incoming.ReaderPid = pending;
            Handoffs.Add(value);
            writer.WriteObjectHeader(2);
            writer.WriteString(value._outgoing.Name);
            writer.WriteString(value._incoming.Name);
        }

        public override void Deserialize(ref MemoryPackReader reader, scoped ref PipeConnection<T>? value)
        {
            if (!reader.TryReadObjectHeader(out byte count))
            {
                value = null;
                return;
            }

            string outgoing = reader.ReadString() ?? throw new InvalidDataException("A pipe end arrived without its name.");
            string incoming = reader.ReadString() ?? throw new InvalidDataException("A pipe end arrived without its name.");
            var log = MessageLog.Open("pipe", outgoing, MessageCodec<T>.TypeHash, MessageCodec<T>.TypeName);
            value = new PipeConnection<T>(log, MessageLog.Open("pipe", incoming, MessageCodec<T>.TypeHash, MessageCodec<T>.TypeName), attached: true);
        }
    }
}
