using System.ComponentModel;
using Multiprocessing.Serialization;

namespace Multiprocessing;

/// <summary>
/// A process target's descriptor: what the generator emits as <c>ContainingType.Targets.MethodName</c>. Its typed
/// <c>Start(...)</c> stub starts a child process that runs the target.
/// </summary>
public abstract class ProcessTarget
{
    /// <summary>Used by generated descriptors.</summary>
    protected ProcessTarget(string id, string name, ProcessOptions? options)
    {
        Id = id;
        Name = name;
        Options = options;
    }

    /// <summary>The stable id the child's dispatcher knows the target by: <c>Assembly:Namespace.Type.Method</c>.</summary>
    public string Id { get; }

    /// <summary>The target as a user reads it: <c>Type.Method</c>.</summary>
    public string Name { get; }

    /// <summary>How children of this descriptor start; <see langword="null"/> for the defaults.</summary>
    public ProcessOptions? Options { get; }

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>Starts a child running a target without a result. Used by generated stubs.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CreatesProcess]
    protected ChildProcess StartProcess(ArgumentWriter arguments)
    {
        var child = new ChildProcess(this, Options);
        child.Launch(arguments.WrittenMemory);
        return child;
    }

    /// <summary>Starts a child running a target with a result. Used by generated stubs.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CreatesProcess]
    protected ChildProcess<TResult> StartProcess<TResult>(ArgumentWriter arguments)
    {
        var child = new ChildProcess<TResult>(this, Options);
        child.Launch(arguments.WrittenMemory);
        return child;
    }
}
