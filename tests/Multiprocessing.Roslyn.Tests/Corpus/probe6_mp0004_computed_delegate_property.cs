// expect: MP0004@18
// MemoryPack serializes a computed get-only property too: a delegate there cannot cross (MP0004.md)
using System;
using MemoryPack;
using Multiprocessing;

[MemoryPackable]
public partial class Rule
{
    public int Threshold { get; set; }

    public Func<int, bool> Check => value => value > Threshold;
}

public static partial class Rules
{
    [ProcessTarget]
    public static bool Apply(Rule rule, int value) => value > rule.Threshold;
}
