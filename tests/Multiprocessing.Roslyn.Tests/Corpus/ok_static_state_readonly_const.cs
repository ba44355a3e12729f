// expect: none
// const and readonly statics, and statics nobody assigns
using System.Collections.Generic;
using Multiprocessing;

public static partial class Workers
{
    private const int Limit = 10;
    private static readonly Dictionary<string, int> s_table = new() { ["a"] = 1 };
    private static int s_default = 3;

    [ProcessTarget]
    public static int Lookup(string key) => s_table.TryGetValue(key, out var v) ? v + Limit + s_default : -1;
}
