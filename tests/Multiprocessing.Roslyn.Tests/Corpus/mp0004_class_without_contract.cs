// expect: MP0004@15
// a user class needs [MemoryPackable]
using System.Collections.Generic;
using Multiprocessing;

public class Point
{
    public int X { get; set; }
    public int Y { get; set; }
}

public static partial class Geometry
{
    [ProcessTarget]
    public static double Perimeter(List<Point> points) => points.Count;  // MP0004
}
