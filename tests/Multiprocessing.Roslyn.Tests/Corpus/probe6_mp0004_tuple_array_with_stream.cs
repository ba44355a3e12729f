// expect: MP0004@21
// an array of tuples with a Stream fires; nullable enums, unmanaged structs and their tuples do not
using System.Collections.Generic;
using System.IO;
using Multiprocessing;

public enum Priority { Low, Normal, High }

public struct Point
{
    public double X;
    public double Y;
}

public static partial class Uploads
{
    [ProcessTarget]
    public static int Plan((int Id, Priority? Level)[] jobs, Point? origin, Dictionary<Priority, (Point From, Point To)[]> routes) => jobs.Length;

    [ProcessTarget]
    public static long Store((string Name, Stream Data)[] files) => 0;  // MP0004: files[].Data
}
