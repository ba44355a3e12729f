// expect: MP0004@10
// the eighth element of a long tuple lives in the nested Rest tuple
using System;
using Multiprocessing;

public static partial class Reports
{
    [ProcessTarget]
    public static string Render(
        (int A, int B, int C, int D, int E, int F, int G, Func<int, string> Format) row) => "";  // MP0004: row.Format
}
