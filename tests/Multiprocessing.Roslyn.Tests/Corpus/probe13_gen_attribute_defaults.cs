// expect: none
// defaults declared with attributes: [DateTimeConstant] (a DateTime has no C# literal), [DecimalConstant],
// [DefaultParameterValue] of small integer and enum types, and [Optional] before required parameters (where '= value'
// is not allowed); the stub copies them, so every call below that leaves them out compiles
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Multiprocessing;

public enum Level : byte { Low, High }

public static partial class Schedule
{
    [ProcessTarget]
    public static long At([Optional, DateTimeConstant(630822816000000000)] DateTime when) => when.Ticks;

    [ProcessTarget]
    public static decimal Fee([Optional, DecimalConstant(2, 0, 0u, 0u, 150u)] decimal rate, decimal floor = 0.5m, decimal cap = -79228162514264337593543950335m) => rate;

    [ProcessTarget]
    public static int Sized([Optional, DefaultParameterValue((byte)3)] byte b, [Optional, DefaultParameterValue((short)-2)] short s, [Optional, DefaultParameterValue(Level.High)] Level level, [Optional, DefaultParameterValue(null)] string? label) => b + s;

    // attributes may declare an optional parameter before a required one
    [ProcessTarget]
    public static long Before([Optional, DateTimeConstant(5)] DateTime when, [Optional] int retries, int required) => required;

    // more arguments than the shared bases take: the full descriptor's stub takes the same parameters
    [ProcessTarget]
    public static long Wide(int a, int b, int c, int d, int e, int f, int g, int h, int i, [Optional, DateTimeConstant(7)] DateTime when, [Optional, DecimalConstant(1, 1, 0u, 0u, 25u)] decimal m) => when.Ticks;
}

public static class Uses
{
    public static long Direct() => Schedule.At() + (long)Schedule.Fee() + Schedule.Sized() + Schedule.Before(required: 1) + Schedule.Wide(1, 2, 3, 4, 5, 6, 7, 8, 9);
    public static ChildProcess<long> A() => Schedule.Targets.At.Start();
    public static ChildProcess<decimal> B() => Schedule.Targets.Fee.Start();
    public static ChildProcess<int> C() => Schedule.Targets.Sized.Start();
    public static ChildProcess<long> D() => Schedule.Targets.Before.Start(required: 1);
    public static ChildProcess<long> E() => Schedule.Targets.Wide.Start(1, 2, 3, 4, 5, 6, 7, 8, 9);
}
