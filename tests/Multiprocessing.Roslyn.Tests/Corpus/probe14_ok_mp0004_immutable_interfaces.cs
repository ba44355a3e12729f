// expect: none
// the immutable collections cross (MP0004.md: "the immutable, frozen and concurrent collections"), also when a
// target takes or returns them through their interfaces: MemoryPack ships InterfaceImmutableDictionary/Set/Queue/Stack
// formatters, as it does for IImmutableList
using System;
using System.Collections.Immutable;
using System.Threading.Tasks;
using Multiprocessing;

public enum Tier { Free, Pro, Enterprise }

public static partial class Pricing
{
    [ProcessTarget]
    public static decimal Quote(IImmutableDictionary<string, decimal> prices, IImmutableSet<Guid> discountedSkus) => 0m;

    [ProcessTarget]
    public static int Drain(IImmutableQueue<string> backlog, IImmutableStack<int> undo) => 0;

    [ProcessTarget]
    public static async Task<IImmutableDictionary<Tier, IImmutableSet<string>>> Features(IImmutableList<Tier> tiers)
    {
        await Task.Yield();
        return ImmutableDictionary<Tier, IImmutableSet<string>>.Empty;
    }
}
