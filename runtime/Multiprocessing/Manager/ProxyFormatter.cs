using MemoryPack;

namespace Multiprocessing.Manager;

/// <summary>A proxy to an object a <see cref="ProcessManager"/> serves: it travels as the manager's name and the object's id.</summary>
internal interface IManagedProxy<TSelf>
    where TSelf : class, IManagedProxy<TSelf>
{
    ProxyCore Core { get; }

    /// <summary>A proxy of this type to object <paramref name="objectId"/> of the manager named <paramref name="managerName"/>.</summary>
    static abstract TSelf Attach(string managerName, int objectId);
}

/// <summary>The MemoryPack formatter of every proxy type (registered by each proxy's <c>RegisterFormatter</c>).</summary>
internal sealed class ProxyFormatter<TProxy> : MemoryPackFormatter<TProxy>
    where TProxy : class, IManagedProxy<TProxy>
{
    public static void Register()
    {
        if (!MemoryPackFormatterProvider.IsRegistered<TProxy>())
        {
            MemoryPackFormatterProvider.Register(new ProxyFormatter<TProxy>());
        }
    }

    public override void Serialize<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, scoped ref TProxy? value)
    {
        if (value is null)
        {
            writer.WriteNullObjectHeader();
            return;
        }

        ProcessManager.BeforeSending(value.Core.ManagerName);
        writer.WriteObjectHeader(2);
        writer.WriteString(value.Core.ManagerName);
        writer.WriteUnmanaged(value.Core.ObjectId);
    }

    public override void Deserialize(ref MemoryPackReader reader, scoped ref TProxy? value)
    {
        if (!reader.TryReadObjectHeader(out _))
        {
            value = null;
            return;
        }

        string name = reader.ReadString() ?? throw new InvalidDataException($"A {typeof(TProxy).Name} proxy arrived without its manager's name.");
        reader.ReadUnmanaged(out int id);
        value = TProxy.Attach(name, id);
    }
}
