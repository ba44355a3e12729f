// expect: MP0004@22
// the message names Order.Customer.Connection
using System.Net.Sockets;
using MemoryPack;
using Multiprocessing;

[MemoryPackable]
public partial class Order
{
    public Customer Customer { get; set; } = new();
}

[MemoryPackable]
public partial class Customer
{
    public Socket? Connection { get; set; }
}

public static partial class Shop
{
    [ProcessTarget]
    public static void Ship(Order order) { }  // MP0004
}
