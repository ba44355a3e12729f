// expect: MP0004@24 MP0004@27 MP0004@30
// a property bag of object, a read-only list of a class without a contract, and an array of a struct that holds a
// string (not unmanaged, no contract); an unmanaged struct and a [MemoryPackable] struct with a string stay silent
using System.Collections.Generic;
using MemoryPack;
using Multiprocessing;

public class Order
{
    public string Id { get; set; } = "";
    public decimal Amount { get; set; }
}

public struct Tag { public string Name; public int Weight; }

public struct Cell { public int Row; public int Column; }

[MemoryPackable]
public partial struct Label { public string Text; public int Size; }

public static partial class Intake
{
    [ProcessTarget]
    public static int Count(Dictionary<string, object> fields) => fields.Count;  // MP0004: fields.Value is object

    [ProcessTarget]
    public static decimal Sum(IReadOnlyList<Order> orders) => 0m;  // MP0004: orders[] has no contract

    [ProcessTarget]
    public static int Weigh(Tag[] tags) => tags.Length;  // MP0004: tags[] is not unmanaged

    [ProcessTarget]
    public static int Place(Cell[] cells, Label label) => cells.Length + label.Size;
}
