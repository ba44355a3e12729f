using System.Diagnostics.CodeAnalysis;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.ComponentModel;
using MemoryPack;

namespace Multiprocessing.Serialization;

/// <summary>
/// Writes the arguments or the result of a process target, one value after the other. The one place (with
/// <see cref="ArgumentReader"/>) that knows the serializer: MemoryPack, contract-based and AOT-safe, never "typeless".
/// </summary>
/// <remarks>Used by generated code; not meant to be called directly.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ArgumentWriter
{
    private readonly ByteBuffer _buffer = new(256);
    private ByteBuffer.Writer? _writer;   // made on first use: see ByteBuffer

    /// <summary>Creates an empty writer.</summary>
    public ArgumentWriter() => Channels.Handoffs.Begin();

    /// <summary>
    /// MemoryPack annotates its type parameters for its reflection fallback; the generated descriptors register a
    /// formatter for every argument and result type instead, so that fallback never runs (and works under NativeAOT).
    /// </summary>
    internal const string Justification = "Formatters for argument and result types are registered by generated code.";

    /// <summary>Appends <paramref name="value"/>.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2091", Justification = Justification)]
    public void Write<T>(T value)
    {
        if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            // MemoryPack writes an unmanaged value as its raw bytes too: skip its per-call set-up (a pool map's hot path)
            Unsafe.WriteUnaligned(ref MemoryMarshal.GetReference(_buffer.GetSpan(Unsafe.SizeOf<T>())), value);
            _buffer.Advance(Unsafe.SizeOf<T>());
            return;
        }

        try
        {
            MemoryPackSerializer.Serialize(_writer ??= new(_buffer), value);
        }
        catch (MemoryPackSerializationException e)
        {
            // e.g. a string with an unpaired surrogate (not UTF-8), or objects nested deeper than the serializer goes
            throw new ArgumentException($"A value of type {typeof(T)} cannot be sent to another process: {e.Message}", e);
        }
    }

    /// <summary>Forgets what was written, keeping the buffer.</summary>
    internal void Clear() => _buffer.Clear();

    /// <summary>The bytes written so far.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.WrittenMemory;
}

/// <summary>Reads values in the order an <see cref="ArgumentWriter"/> wrote them.</summary>
/// <remarks>Used by generated code; not meant to be called directly.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct ArgumentReader
{
    private ReadOnlySpan<byte> _remaining;

    /// <summary>Reads from <paramref name="bytes"/>.</summary>
    public ArgumentReader(ReadOnlySpan<byte> bytes) => _remaining = bytes;

    /// <summary>Reads the next value.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2091", Justification = ArgumentWriter.Justification)]
    public T Read<T>()
    {
        if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            if (_remaining.Length < Unsafe.SizeOf<T>())
            {
                throw new InvalidDataException($"Truncated arguments: {typeof(T).Name} needs {Unsafe.SizeOf<T>()} bytes, {_remaining.Length} left.");
            }

            var raw = Unsafe.ReadUnaligned<T>(ref MemoryMarshal.GetReference(_remaining));
            _remaining = _remaining[Unsafe.SizeOf<T>()..];
            return raw;
        }

        T? value = default;
        int consumed = MemoryPackSerializer.Deserialize(_remaining, ref value);
        _remaining = _remaining[consumed..];
        return value!;
    }
}

/// <summary>
/// Never called: makes ReadyToRun compile <see cref="ArgumentWriter.Write{T}"/> and <see cref="ArgumentReader.Read{T}"/>
/// for the common primitive types into this assembly, so a child does not JIT them to run its first target.
/// </summary>
internal static class PrecompiledArguments
{
    internal static void Instantiate(ArgumentWriter writer, ref ArgumentReader reader)
    {
        writer.Write(reader.Read<int>());
        writer.Write(reader.Read<long>());
        writer.Write(reader.Read<double>());
        writer.Write(reader.Read<bool>());
        writer.Write(reader.Read<string>());
    }
}
