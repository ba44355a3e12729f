// expect: none
// two types whose names differ only in case, each with targets (their generated files must not share a name)
using Multiprocessing;

namespace Shop;

public static partial class Orders
{
    [ProcessTarget]
    public static int Count(int n) => n;
}

public static partial class orders
{
    [ProcessTarget]
    public static int Count(int n) => n + 1;
}

public static class Uses
{
    public static string Both() => Orders.Targets.Count.Name + orders.Targets.Count.Name;
}
