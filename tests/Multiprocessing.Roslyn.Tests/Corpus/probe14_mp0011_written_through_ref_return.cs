// expect: MP0011@35 MP0011@38
// output: exe
// the parent assigns statics through a ref-returning accessor (Slot(name) = ..., Current++): the storage of the static
// is assigned by code the child never runs, exactly as with a ref local (ref int r = ref s; r = 1), so the child
// reads the initial value (MP0011.md: "when some other code of the project assigns it")
using System;
using Multiprocessing;

ProcessEntry.Guard();
Quotas.Slot("cpu") = 8;
Quotas.Current++;
Console.WriteLine(await Planner.Targets.Cpu.Start());
Console.WriteLine(await Planner.Targets.Generation.Start());

public static class Quotas
{
    public static int Cpu = 1;

    public static int Memory = 1;

    public static int Version;

    public static ref int Slot(string name)
    {
        if (name == "cpu") return ref Cpu;
        return ref Memory;
    }

    public static ref int Current => ref Version;
}

public static partial class Planner
{
    [ProcessTarget]
    public static int Cpu() => Quotas.Cpu;  // MP0011

    [ProcessTarget]
    public static int Generation() => Quotas.Version;  // MP0011
}
