using System.Diagnostics.CodeAnalysis;
using MemoryPack;
using Multiprocessing.Serialization;

namespace Multiprocessing.Channels;

/// <summary>How a channel's messages of type <typeparamref name="T"/> become bytes: the serializer seam (MemoryPack).</summary>
internal static class MessageCodec<T>
{
    /// <summary>A fingerprint of <typeparamref name="T"/>: both ends of a channel must agree on it.</summary>
    public static readonly long TypeHash = Fnv1a(TypeName);

    public static string TypeName => typeof(T).FullName ?? typeof(T).Name;

    [UnconditionalSuppressMessage("Trimming", "IL2091", Justification = ArgumentWriter.Justification)]
    public static void Serialize(T value, RecordWriter writer) => MemoryPackSerializer.Serialize(writer, value);

    [UnconditionalSuppressMessage("Trimming", "IL2091", Justification = ArgumentWriter.Justification)]
    public static T Deserialize(ReadOnlySpan<byte> message, string channel)
    {
        try
        {
            return MemoryPackSerializer.Deserialize<T>(message)!;
        }
        catch (MemoryPackSerializationException e)
        {
            throw new InvalidDataException($"A message on the {channel} could not be read as '{TypeName}': {e.Message}", e);
        }
    }

    private static long Fnv1a(string text)
    {
        ulong hash = 14695981039346656037;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211;
        }

        return (long)hash;
    }
}
