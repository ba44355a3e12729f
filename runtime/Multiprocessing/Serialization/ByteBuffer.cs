using System.Buffers;

namespace Multiprocessing.Serialization;

/// <summary>
/// A growable byte buffer: what <see cref="ArrayBufferWriter{T}"/> does, but compiled ahead of time with this assembly,
/// so that a child does not JIT-compile <c>ArrayBufferWriter&lt;byte&gt;</c> before it can say hello to its parent.
/// </summary>
internal sealed class ByteBuffer(int capacity) : IBufferWriter<byte>
{
    private byte[] _bytes = new byte[capacity];
    private int _count;

    public ReadOnlySpan<byte> WrittenSpan => _bytes.AsSpan(0, _count);

    public ReadOnlyMemory<byte> WrittenMemory => _bytes.AsMemory(0, _count);

    public void Clear() => _count = 0;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _bytes.Length - _count);
        _count += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _bytes.AsMemory(_count);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _bytes.AsSpan(_count);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _count += bytes.Length;
    }

    private void Reserve(int sizeHint)
    {
        int needed = Math.Max(sizeHint, 1);
        if (_bytes.Length - _count < needed)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _count + needed));
        }
    }
}
