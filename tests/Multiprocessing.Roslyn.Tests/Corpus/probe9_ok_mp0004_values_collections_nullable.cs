// expect: none
// values and collections MemoryPack has formatters for (BigInteger, Int128, Half, nint, StringBuilder, ILookup,
// IReadOnlySet, ISet, LinkedList, SortedDictionary, Stack, PriorityQueue, BitArray...) and nullable annotations
using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Numerics;
using System.Text;
using System.Threading.Tasks;
using MemoryPack;
using Multiprocessing;

[MemoryPackable]
public partial record Reading(Guid Sensor, DateTime At, TimeSpan Window, decimal Value, string? Note, List<string?>? Tags);

public static partial class Lab
{
    [ProcessTarget]
    public static async Task<BigInteger?> Factorial(BigInteger n, Int128 big, UInt128 huge, Half h, nint p, nuint q) { await Task.Yield(); return n; }

    [ProcessTarget]
    public static string Render(StringBuilder text, DateTime? since, Guid? owner, TimeSpan? timeout, decimal? limit) => text.ToString();

    [ProcessTarget]
    public static int Index(ILookup<string, int> byName, IGrouping<string, Reading> group, IReadOnlySet<Guid> seen, ISet<string> names) => 0;

    [ProcessTarget]
    public static int Queue(LinkedList<Reading> recent, SortedDictionary<DateTime, Reading> timeline, Stack<int> undo, PriorityQueue<string, int> work) => 0;

    [ProcessTarget]
    public static int More(BitArray flags, ConcurrentDictionary<Guid, Reading?> live, IImmutableList<Reading> frozen, IReadOnlyDictionary<string, Reading[]>? map) => 0;

    [ProcessTarget]
    public static Reading? Latest(Reading?[] readings, string? filter) => null;
}
