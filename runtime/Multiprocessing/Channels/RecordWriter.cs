using System.Buffers;

namespace Multiprocessing.Channels;

/// <summary>
/// The <see cref="IBufferWriter{T}"/> a message is serialized into: straight into the log's segment while it fits,
/// into a pooled buffer (copied once) when it does not. One per sending end, used under its producer lock.
/// </summary>
internal sealed unsafe class RecordWriter : IBufferWriter<byte>
{
    private ArrayBufferWriter<byte> _overflow = new();
    private MessageLog? _log;
    private byte* _segment, _start;
    private int _capacity, _written;
    private bool _overflowed, _moved;

    /// <summary>Starts a message at <paramref name="start"/> (a payload position in <paramref name="segment"/> of <paramref name="log"/>).</summary>
    public void Begin(MessageLog log, byte* segment, byte* start, int capacity)
    {
        _log = log;
        _segment = segment;
        _start = start;
        _capacity = capacity;
        _written = 0;
        _overflowed = false;
        _moved = false;
    }

    /// <summary>The segment the message was written in place to.</summary>
    public byte* Segment => _segment;

    /// <summary>Where the message's payload starts (its length goes in the 4 bytes before).</summary>
    public byte* Payload => _start;

    /// <summary>Whether the message was written in place; <paramref name="written"/> is its size.</summary>
    public bool InPlace(out int written)
    {
        written = _written;
        return !_overflowed;
    }

    public ReadOnlySpan<byte> Overflow => _overflow.WrittenSpan;

    public void End()
    {
        _start = _segment = null;
        _log = null;
        if (_overflowed)
        {
            // Do not keep a huge buffer alive for one huge message.
            _overflow = _overflow.Capacity > 1 << 20 ? new() : _overflow;
            _overflow.ResetWrittenCount();
        }
    }

    public void Advance(int count)
    {
        if (_overflowed)
        {
            _overflow.Advance(count);
        }
        else
        {
            _written += count;
        }
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        // MemoryPack asks for spans; a Memory over the segment cannot be made without a manager: go through the buffer.
        SwitchToOverflow();
        return _overflow.GetMemory(sizeHint);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        if (!_overflowed)
        {
            int free = _capacity - _written;
            if (free >= Math.Max(sizeHint, 1))
            {
                return new Span<byte>(_start + _written, free);
            }

            // The tail of the segment is too small: carry on in a fresh segment if the message fits one (the bytes
            // so far move along), rather than through a buffer copied once more.
            if (!_moved && _log is not null && _written + (long)Math.Max(sizeHint, 1) <= _log.FreshSegmentCapacity)
            {
                byte* fresh = _log.MoveToFreshSegment(out _segment);
                new ReadOnlySpan<byte>(_start, _written).CopyTo(new Span<byte>(fresh, _written));
                _start = fresh;
                _capacity = _log.FreshSegmentCapacity;
                _moved = true;
                return new Span<byte>(_start + _written, _capacity - _written);
            }

            SwitchToOverflow();
        }

        return _overflow.GetSpan(sizeHint);
    }

    private void SwitchToOverflow()
    {
        if (!_overflowed)
        {
            _overflowed = true;
            _overflow.ResetWrittenCount();
            new ReadOnlySpan<byte>(_start, _written).CopyTo(_overflow.GetSpan(_written));
            _overflow.Advance(_written);
        }
    }
}
