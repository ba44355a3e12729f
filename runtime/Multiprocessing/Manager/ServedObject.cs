using System.Buffers;
using MemoryPack;

namespace Multiprocessing.Manager;

/// <summary>
/// An object a <see cref="ProcessManager"/> serves: a real, typed collection in the manager's process. Requests reach
/// it one at a time (the manager takes <see cref="Gate"/> around each), so every operation is atomic.
/// </summary>
internal abstract class ServedObject(int id, string typeDisplay, long typeHash, string managerName)
{
    public int Id { get; } = id;

    public string TypeDisplay { get; } = typeDisplay;

    public long TypeHash { get; } = typeHash;

    public Lock Gate { get; } = new();

    public string Description { get; } = $"{typeDisplay} #{id} of the {ManagerWire.DescribeManager(managerName)}";

    /// <summary>Runs one operation: reads its arguments from <paramref name="request"/>, writes its result to <paramref name="response"/>.</summary>
    public abstract void Handle(byte operation, ref MemoryPackReader request, ref MemoryPackWriter<ArrayBufferWriter<byte>> response);

    protected ManagerError UnknownOperation(byte operation) =>
        new(ManagerErrorKind.BadRequest, $"{Description} has no operation {operation}: the request is corrupt or comes from another version of the program.");

    protected ArgumentOutOfRangeException IndexOutOfRange(int index, int count) =>
        new("index", index, $"Index {index} is out of range for {Description}, which holds {count} items.");

    protected static ReadOnlySpan<byte> ReadExtraArgument(ref MemoryPackReader request)
    {
        request.DangerousReadUnmanagedSpanView<byte>(out bool isNull, out var view);
        return isNull ? default : view;
    }
}
