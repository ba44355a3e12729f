// expect: MP0003@10 MP0003@13 MP0003@16 MP0003@19
// params collections (C# 13), in and ref readonly parameters, a ref struct result
using System;
using System.Collections.Generic;
using Multiprocessing;

public static partial class Jobs
{
    [ProcessTarget]
    public static int Sum(params List<int> items) => items.Count;  // MP0003

    [ProcessTarget]
    public static int Total(int seed, params IEnumerable<int> rest) => seed;  // MP0003

    [ProcessTarget]
    public static double Scale(in double factor) => factor * 2;  // MP0003

    [ProcessTarget]
    public static ReadOnlySpan<byte> Header(int size) => new byte[size];  // MP0003

    [ProcessTarget]
    public static int Fine(List<int> items, int seed = 0) => items.Count + seed;
}
