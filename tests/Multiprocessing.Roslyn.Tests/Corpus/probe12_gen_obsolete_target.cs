// expect: none
// a deprecated target and a deprecated argument type: the generated code must not warn (a build that treats warnings
// as errors would break), while the user's own uses still do
using System;
using Multiprocessing;

[Obsolete("use Point")]
public struct OldPoint
{
    public int X;
}

public static partial class Legacy
{
    [ProcessTarget]
    [Obsolete("use Measure2")]
#pragma warning disable CS0618 // the user's own declaration names the deprecated type
    public static int Measure(OldPoint point) => point.X;
#pragma warning restore CS0618

    [ProcessTarget]
    public static int Measure2(int x) => x;
}
