// expect: MP0004@19
// a user class without [MemoryPackable] deep inside nested generic collections
using System.Collections.Generic;
using MemoryPack;
using Multiprocessing;

public class LineItem
{
    public string Sku { get; set; } = "";
    public int Quantity { get; set; }
}

[MemoryPackable]
public partial record Invoice(string Number, Dictionary<string, List<LineItem[]>> LinesByWarehouse);

public static partial class Billing
{
    [ProcessTarget]
    public static decimal Total(IReadOnlyList<Invoice> invoices) => 0m;  // MP0004: Invoice.LinesByWarehouse.Value[][]
}
