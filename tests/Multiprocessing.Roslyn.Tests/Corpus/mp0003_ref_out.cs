// expect: MP0003@8 MP0003@11
// ref and out parameters cannot write back into the parent
using Multiprocessing;

public static partial class Workers
{
    [ProcessTarget]
    public static void Add(int n, ref int total) => total += n;  // MP0003

    [ProcessTarget]
    public static bool TryParse(string s, out int value) => int.TryParse(s, out value);  // MP0003
}
