// expect: none
// primitives, well-known structs and unmanaged structs
using System;
using Multiprocessing;

public struct Vector { public double X; public double Y; }

public static partial class Workers
{
    [ProcessTarget]
    public static string Describe(byte b, short s, long l, double d, float f, decimal m, bool flag, char c, string? maybe, Guid id, DateTime when, TimeSpan span) => "";

    [ProcessTarget]
    public static Vector Move(Vector v, DateTimeOffset at, DateOnly day, TimeOnly time, Uri link, Version version) => v;
}
