// expect: MP0008@9 MP0008@10 MP0008@17 MP0008@26
// static initializers of types that declare no targets: a pool field, a collection initializer, a nested type, a derived type
using System.Collections.Generic;
using System.Diagnostics;
using Multiprocessing;

public static class Shared
{
    public static readonly ProcessPool Pool = new(2);  // MP0008
    public static readonly List<ChildProcess> Warm = new() { Jobs.Targets.Ping.Start() };  // MP0008
}

public partial class Jobs
{
    private static class Probe
    {
        static Probe() => Process.Start("true")?.WaitForExit();  // MP0008: Probe declares no targets
    }

    [ProcessTarget]
    public static void Ping() { }
}

public class NightlyJobs : Jobs
{
    static NightlyJobs() => Targets.Ping.Start().Join();  // MP0008: inherits Targets, declares no targets
}
