// expect: none
// data that crosses (MP0004.md): generic [MemoryPackable] records closed over contract types, required and init
// members, a [Flags] enum, DateTimeOffset/TimeSpan/Guid/BigInteger/Half/Int128, Uri and Version, KeyValuePair, nested
// value tuples, Memory/ReadOnlyMemory, ImmutableArray, nullable values inside collections, Lazy, a [MemoryPackUnion]
// hierarchy taken through its abstract base and through a sealed case
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Numerics;
using System.Threading.Tasks;
using MemoryPack;
using Multiprocessing;

[Flags]
public enum Permissions { None = 0, Read = 1, Write = 2, Admin = 4 }

[MemoryPackable]
public partial record Page<T>(IReadOnlyList<T> Items, int Total, string? Cursor);

[MemoryPackable]
public partial class Order
{
    public required Guid Id { get; init; }

    public required DateTimeOffset PlacedAt { get; init; }

    public TimeSpan? Sla { get; init; }

    public Permissions Access { get; set; } = Permissions.Read;

    public Uri? Callback { get; set; }

    public Version ApiVersion { get; set; } = new(1, 0);

    public ImmutableArray<decimal> Lines { get; set; } = ImmutableArray<decimal>.Empty;

    public List<KeyValuePair<string, int?>> Counters { get; set; } = new();
}

[MemoryPackable]
[MemoryPackUnion(0, typeof(Circle))]
[MemoryPackUnion(1, typeof(Square))]
public abstract partial class Shape
{
    public string Label { get; set; } = "";
}

[MemoryPackable]
public sealed partial class Circle : Shape
{
    public double Radius { get; set; }
}

[MemoryPackable]
public sealed partial class Square : Shape
{
    public Half Side { get; set; }
}

public readonly record struct Cell(int Row, int Column);

public static partial class Backoffice
{
    [ProcessTarget]
    public static Page<Order> Orders(Page<Guid> ids, Permissions access) => new(Array.Empty<Order>(), 0, null);

    [ProcessTarget]
    public static async ValueTask<(BigInteger Sum, (Int128 Big, UInt128 Huge) Parts)> Total(IReadOnlyList<(Guid Id, (decimal Net, decimal? Tax) Amounts)> lines)
    {
        await Task.Yield();
        return (BigInteger.Zero, (0, 0));
    }

    [ProcessTarget]
    public static int Bytes(Memory<byte> payload, ReadOnlyMemory<char> text, ArraySegment<int> window) => payload.Length;

    [ProcessTarget]
    public static Dictionary<Cell, int?> Grid(Cell?[] cells, HashSet<DateOnly?> days, Queue<TimeOnly> slots) => new();

    [ProcessTarget]
    public static double Area(Shape shape, IReadOnlyList<Shape> more, Circle exact) => 0;

    [ProcessTarget]
    public static string Describe(KeyValuePair<Uri, Version> endpoint, Lazy<string> label) => endpoint.Key.ToString();
}
