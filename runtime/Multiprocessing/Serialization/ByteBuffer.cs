using System.Buffers;

namespace Multiprocessing.Serialization;

/// <summary>
/// A growable byte buffer: what <see cref="ArrayBufferWriter{T}"/> does, but compiled ahead of time with this assembly,
/// so that a child does not JIT-compile <c>ArrayBufferWriter&lt;byte&gt;</c> before it can say hello to its parent. It is
/// not an <see cref="IBufferWriter{T}"/> itself (<see cref="Writer"/> is): that interface lives behind System.Memory.dll,
/// which a child that sends only frames and unmanaged values then never loads (~0.25 ms of a JIT child's start-up).
/// </summary>
internal sealed class ByteBuffer(int capacity)
{
    private byte[] _bytes = new byte[capacity];
    private int _count;

    public ReadOnlySpan<byte> WrittenSpan => new(_bytes, 0, _count);

    public ReadOnlyMemory<byte> WrittenMemory => new(_bytes, 0, _count);

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
        return new Memory<byte>(_bytes, _count, _bytes.Length - _count);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return new Span<byte>(_bytes, _count, _bytes.Length - _count);
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

    /// <summary>The buffer as the serializer writes into it.</summary>
    internal sealed class Writer(ByteBuffer buffer) : IBufferWriter<byte>
    {
        public void Advance(int count) => buffer.Advance(count);

        public Memory<byte> GetMemory(int sizeHint = 0) => buffer.GetMemory(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => buffer.GetSpan(sizeHint);
    }
}
