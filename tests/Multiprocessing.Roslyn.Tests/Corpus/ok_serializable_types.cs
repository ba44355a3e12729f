// expect: none
// everything MemoryPack knows crosses
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading.Tasks;
using MemoryPack;
using Multiprocessing;

public enum Color { Red, Green, Blue }

[MemoryPackable]
public partial record Order(string Customer, int[] Quantities, Dictionary<string, decimal> Prices, Color Color);

[MemoryPackable]
public partial class Node
{
    public int Value { get; set; }
    public Node? Next { get; set; }
    public List<Order> Orders { get; set; } = new();
}

public static partial class Workers
{
    [ProcessTarget]
    public static Order Reprice(Order order, decimal factor) => order;

    [ProcessTarget]
    public static (int Sum, string Joined) SumAndJoin((int A, int B) numbers, Tuple<string, string> words) => default;

    [ProcessTarget]
    public static async Task<Dictionary<Color, List<Node>>> Group(IReadOnlyList<Node> nodes, ImmutableArray<int> keys) { await Task.Yield(); return new(); }

    [ProcessTarget]
    public static int[,] Grid(int[][] jagged, HashSet<string> names, KeyValuePair<string, long> pair, Color? maybe) => new int[1, 1];
}
