// expect: MP0004@10 MP0004@13
// code and live resources do not cross
using System;
using System.IO;
using Multiprocessing;

public static partial class Workers
{
    [ProcessTarget]
    public static int Apply(Func<int, int> map, int n) => map(n);  // MP0004

    [ProcessTarget]
    public static long Length(Stream stream) => stream.Length;  // MP0004
}
