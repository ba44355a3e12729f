// expect: none
// [MemoryPackUnion] bases whose derived types all have contracts: an abstract class (used directly, in a list, a
// dictionary and as a result) and MemoryPack's documented interface union, which has a formatter (MP0004.md)
using System.Collections.Generic;
using MemoryPack;
using Multiprocessing;

[MemoryPackable]
[MemoryPackUnion(0, typeof(Circle))]
[MemoryPackUnion(1, typeof(Rect))]
public abstract partial class Shape
{
    public string Color { get; set; } = "black";
}

[MemoryPackable]
public partial class Circle : Shape
{
    public double Radius { get; set; }
}

[MemoryPackable]
public partial class Rect : Shape
{
    public double Width { get; set; }
    public double Height { get; set; }
}

[MemoryPackable]
[MemoryPackUnion(0, typeof(Started))]
[MemoryPackUnion(1, typeof(Stopped))]
public partial interface IEvent
{
}

[MemoryPackable]
public partial class Started : IEvent
{
    public string Name { get; set; } = "";
}

[MemoryPackable]
public partial class Stopped : IEvent
{
    public int Code { get; set; }
}

public static partial class Geometry
{
    [ProcessTarget]
    public static double Area(Shape shape) => 0;

    [ProcessTarget]
    public static Shape? Largest(List<Shape> shapes, Dictionary<string, Shape[]> byLayer) => null;

    [ProcessTarget]
    public static IEvent[] Replay(IEvent first, int count) => [];
}
