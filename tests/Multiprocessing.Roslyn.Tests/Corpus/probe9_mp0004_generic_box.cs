// expect: MP0004@20 MP0004@23
// a [MemoryPackable] generic record is checked with its type argument: Box<int> and Box<List<string>> cross,
// Box<Stream> (a parameter) and Box<Action> (inside a result) do not
using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using MemoryPack;
using Multiprocessing;

[MemoryPackable]
public partial record Box<T>(T Value, string Label);

public static partial class Parcels
{
    [ProcessTarget]
    public static int Open(Box<int> box, Box<List<string>> names) => box.Value + names.Value.Count;

    [ProcessTarget]
    public static long Measure(Box<Stream> box) => 0;  // MP0004: box.Value is a Stream

    [ProcessTarget]
    public static async Task<Box<Action>[]> Callbacks(int n) { await Task.Yield(); return []; }  // MP0004: result [].Value
}
