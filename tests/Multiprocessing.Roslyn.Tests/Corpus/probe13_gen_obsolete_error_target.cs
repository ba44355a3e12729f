// expect: none
// obsolete as an error (CS0619, which no #pragma disables) or with a diagnostic id: on a target, on a type in its
// signature (the table registers its formatter), on the type declaring targets. The generated code must compile;
// the user's own uses still report (the output tests show a Start call reporting CS0619)
using System;
using System.Collections.Generic;
using Multiprocessing;

[Obsolete("use Mode", true)]
public enum OldMode { Fast, Slow }

[Obsolete("use Box", DiagnosticId = "LEGACY01")]
public struct OldBox
{
    public int X;
}

public static partial class Jobs
{
    [ProcessTarget]
    [Obsolete("use Measure2", true)]
    public static int Measure(int n) => n;

    [ProcessTarget]
    [Obsolete("use Measure2", error: true, DiagnosticId = "LEGACY02", UrlFormat = "https://example.org/{0}")]
    public static int MeasureOld(int n) => n;

    [ProcessTarget]
    [Obsolete("use Tune2")]
    public static int Tune(OldMode mode, List<OldMode> modes, OldBox box) => modes.Count;

    [ProcessTarget]
    [Obsolete("use Tune2")]
    public static OldMode[] Modes(int n) => [];

    // more arguments than the shared bases take: the descriptor writes and reads them itself
    [ProcessTarget]
    [Obsolete("use Tune2", true)]
    public static void Wide(OldMode a, int b, int c, int d, int e, int f, int g, int h, int i) { }

    [ProcessTarget]
    public static int Measure2(int n) => n;
}

[Obsolete("use Jobs", true)]
public static partial class LegacyJobs
{
    [ProcessTarget]
    public static int Run(OldMode mode) => 0;
}

[Obsolete("compatibility shim")]
public static class Shim
{
    // a use inside an obsolete member is not reported: the user may start the targets here
    public static ChildProcess<int> A() => Jobs.Targets.Measure.Start(1);
    public static ChildProcess<int> B() => Jobs.Targets.MeasureOld.Start(1);
    public static ChildProcess<int> C() => Jobs.Targets.Tune.Start(OldMode.Fast, [], default);
    public static ChildProcess<int> D() => LegacyJobs.Targets.Run.Start(OldMode.Slow);
    public static ChildProcess E() => Jobs.Targets.Wide.Start(OldMode.Fast, 1, 2, 3, 4, 5, 6, 7, 8);
}

public static class Current
{
    public static ChildProcess<int> Start() => Jobs.Targets.Measure2.Start(1);
}
