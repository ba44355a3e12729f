using System.ComponentModel;

namespace Multiprocessing;

/// <summary>
/// Names the generated table of process targets of an assembly, so that an executable referencing that assembly
/// registers its targets too (without reflection: the executable's generated code calls the table directly).
/// </summary>
/// <remarks>Emitted by the source generator.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class ProcessTargetTableAttribute(Type table) : Attribute
{
    /// <summary>The generated table type.</summary>
    public Type Table { get; } = table;
}
