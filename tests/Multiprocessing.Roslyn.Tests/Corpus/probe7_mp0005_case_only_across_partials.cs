// expect: MP0005@18
// names that differ only in case, in two partial declarations; an untagged overload is not a target
using Multiprocessing;

namespace Billing;

public static partial class Invoices
{
    [ProcessTarget]
    public static int Total(int cents) => cents;

    public static int Total(int cents, int tax) => cents + tax;
}

public static partial class Invoices
{
    [ProcessTarget]
    public static long total(long cents) => cents;  // MP0005
}
