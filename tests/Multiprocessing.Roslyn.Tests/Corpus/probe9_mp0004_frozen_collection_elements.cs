// expect: MP0004@15 MP0004@18
// frozen collections are collections MemoryPack knows (FrozenDictionaryFormatter, FrozenSetFormatter): their element
// types must be checked like those of the immutable collections; a Stream or a delegate inside cannot cross
using System;
using System.Collections.Frozen;
using System.IO;
using Multiprocessing;

public static partial class Catalog
{
    [ProcessTarget]
    public static int Count(FrozenDictionary<string, int> prices, FrozenSet<string> skus) => prices.Count + skus.Count;

    [ProcessTarget]
    public static long Size(FrozenDictionary<string, Stream> files) => 0;  // MP0004: files.Value

    [ProcessTarget]
    public static int Hooks(FrozenSet<Func<int>> hooks) => 0;  // MP0004: hooks[]
}
