// expect: MP0001@14 MP0001@17 MP0001@19
// [ProcessTarget] on static members that are not ordinary methods (MP0001.md: "[ProcessTarget] is only valid on an
// ordinary static method declared in a type"): a user-defined operator, a conversion operator, and a static property's
// getter; the generator emits nothing for them and the program still builds
using Multiprocessing;

public readonly partial struct Money(decimal amount)
{
    private static int s_rate;

    public decimal Amount { get; } = amount;

    [ProcessTarget]
    public static Money operator +(Money a, Money b) => new(a.Amount + b.Amount);  // MP0001

    [ProcessTarget]
    public static explicit operator decimal(Money m) => m.Amount;  // MP0001

    public static int Rate { [ProcessTarget] get => s_rate; set => s_rate = value; }  // MP0001
}
