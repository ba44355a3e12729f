// expect: none
// what MemoryPack does not serialize (statics, consts, ignored, private) and unmanaged structs without a contract
using System.Collections.Generic;
using System.IO;
using System.Threading;
using MemoryPack;
using Multiprocessing;

public enum Unit { Metre, Foot }

public record struct Sample(double Value, Unit Unit, long Ticks);

[MemoryPackable]
public partial class Measurement
{
    public static Stream? SharedLog;
    public const int Version = 2;

    public string Sensor { get; set; } = "";
    public Sample[] Samples { get; set; } = [];
    public Dictionary<Unit, Sample?> Latest { get; set; } = new();

    [MemoryPackIgnore]
    public CancellationTokenSource? Cancel { get; set; }

    private Stream? _cache;

    public int this[int i] => Samples.Length;
}

public static partial class Lab
{
    [ProcessTarget]
    public static (Sample Min, Sample Max)? Range(List<Measurement> measurements, Sample? baseline) => null;
}
