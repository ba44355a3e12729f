// expect: MP0013@12
// a target whose parameter type is a private nested [MemoryPackable] record: the generated descriptor could not name it
using MemoryPack;
using Multiprocessing;

public static partial class Payroll
{
    [MemoryPackable]
    private partial record Slip(int Cents);

    [ProcessTarget]
    private static int Pay(Slip slip) => slip.Cents;
}
