// expect: MP0015@12 MP0015@20 MP0015@31 MP0015@41
// a member named Targets that is not a partial class (MP0015.md: "a method, a field, a property, an event, a record,
// or a nested type that is not a partial class"): a nested delegate, a partial struct, a partial interface and an
// enum; the descriptors' class would clash with each (CS0102), so the generator leaves the type's targets out
using System;
using Multiprocessing;

namespace Ops;

public static partial class Alerts
{
    public delegate void Targets(string channel);  // MP0015

    [ProcessTarget]
    public static void Page(string who) { }
}

public static partial class Metrics
{
    public partial struct Targets  // MP0015
    {
        public int Count;
    }

    [ProcessTarget]
    public static int Flush(int n) => n;
}

public static partial class Deploys
{
    public partial interface Targets  // MP0015
    {
    }

    [ProcessTarget]
    public static void Roll(string version) { }
}

public static partial class Backups
{
    public enum Targets { Disk, Cloud }  // MP0015

    [ProcessTarget]
    public static void Run(int tier) { }
}
