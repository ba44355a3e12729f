// expect: none
// a [MemoryPackable(GenerateType.NoGenerate)] type with a formatter the program registers itself (MemoryPack's
// documented way to serialize a type by hand)
using MemoryPack;
using Multiprocessing;

[MemoryPackable(GenerateType.NoGenerate)]
public partial class Money
{
    public decimal Amount { get; set; }
    public string Currency { get; set; } = "EUR";
}

public sealed class MoneyFormatter : MemoryPackFormatter<Money>
{
    public override void Serialize<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, scoped ref Money? value)
    {
        writer.WriteValue(value?.Amount ?? 0m);
        writer.WriteString(value?.Currency);
    }

    public override void Deserialize(ref MemoryPackReader reader, scoped ref Money? value) =>
        value = new Money { Amount = reader.ReadValue<decimal>(), Currency = reader.ReadString() ?? "" };
}

public static partial class Bank
{
    [ProcessTarget]
    public static Money Double(Money m) => new() { Amount = m.Amount * 2, Currency = m.Currency };
}

public static class UseBank
{
    public static ChildProcess<Money> Go()
    {
        MemoryPackFormatterProvider.Register(new MoneyFormatter());
        return Bank.Targets.Double.Start(new Money { Amount = 1 });
    }
}
