using System.Text;

namespace Multiprocessing.Wire;

/// <summary>
/// UTF-8 for the start-up path, with the ASCII case (socket paths, target ids, process names nearly always) done by
/// hand: a child's first <see cref="Encoding.UTF8"/> call costs it ~2.5 ms, the first use of the vectorised
/// transcoder (the runtime preparing its precompiled code, not the JIT).
/// </summary>
internal static class Utf8
{
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        Span<char> chars = bytes.Length <= 256 ? stackalloc char[bytes.Length] : new char[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] >= 0x80)
            {
                return Encoding.UTF8.GetString(bytes);
            }

            chars[i] = (char)bytes[i];
        }

        return new string(chars);
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Encode(string text, Span<byte> destination)
    {
        if (text.Length > destination.Length)
        {
            return Encoding.UTF8.GetBytes(text, destination); // throws: too small
        }

        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] >= 0x80)
            {
                return Encoding.UTF8.GetBytes(text, destination);
            }

            destination[i] = (byte)text[i];
        }

        return text.Length;
    }
}
