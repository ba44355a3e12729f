// expect: MP0013@21 MP0013@24 MP0013@27 MP0013@32
// types the generated dispatcher cannot name (MP0013.md: "a private or protected nested type there ..., its
// parameters and its result, array elements and type arguments included"): a private enum inside a tuple element, a
// private record as the T of Task<T[]>, a protected enum in a Dictionary value, and a private protected container;
// a protected internal and an internal nested type are reachable from the assembly's dispatch table and are fine
using System.Collections.Generic;
using System.Threading.Tasks;
using MemoryPack;
using Multiprocessing;

public partial class Payroll
{
    private enum Grade { Junior, Senior }

    [MemoryPackable]
    private partial record Slip(int Cents);

    protected enum Band { Low, High }

    [ProcessTarget]
    private static int Level((int Id, Grade Grade) employee) => employee.Id;  // MP0013

    [ProcessTarget]
    private static async Task<Slip[]> Slips(int month) { await Task.Yield(); return []; }  // MP0013

    [ProcessTarget]
    protected static int Bands(Dictionary<string, Band> bands) => bands.Count;  // MP0013

    private protected static partial class Audit
    {
        [ProcessTarget]
        public static void Check(int id) { }  // MP0013
    }

    protected internal enum Region { North, South }

    internal enum Currency { Eur, Usd }

    [ProcessTarget]
    internal static int Fine(Region region, List<Currency> currencies) => currencies.Count;
}
