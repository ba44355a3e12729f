// expect: none
// optional parameters declared with attributes ([Optional], [DefaultParameterValue], [DecimalConstant]) and
// caller-info: the target can be called without them, so the stub can be too
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Multiprocessing;

public static partial class Opt
{
    [ProcessTarget]
    public static int Retry([Optional] int retries, [Optional] string? label) => retries;

    [ProcessTarget]
    public static int Tuned([Optional, DefaultParameterValue(3)] int level) => level;

    [ProcessTarget]
    public static decimal Fee([Optional, DecimalConstant(2, 0, 0u, 0u, 150u)] decimal rate) => rate;

    [ProcessTarget]
    public static string Who([CallerMemberName] string caller = "", [CallerLineNumber] int line = 0) => caller + line;
}

public static class UseOpt
{
    public static int Direct() => Opt.Retry() + Opt.Tuned() + (int)Opt.Fee();
    public static ChildProcess<int> A() => Opt.Targets.Retry.Start();
    public static ChildProcess<int> B() => Opt.Targets.Tuned.Start();
    public static ChildProcess<decimal> D() => Opt.Targets.Fee.Start();
    public static ChildProcess<string> E() => Opt.Targets.Who.Start();
}
