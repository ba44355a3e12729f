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
        // A descriptor's assembly is loaded, so its table (module initializer) is registered: its formatters can be too.
        ProcessEntry.RegisterPendingFormatters();
        Id = id;
        Name = name;
        Options = options;
    }

    /// <summary>The stable id the child's dispatcher knows the target by: <c>Assembly:Namespace.Type.Method</c>.</summary>
    public string Id { get; }

    /// <summary>The target as a user reads it: <c>Type.Method</c>.</summary>
    public string Name { get; }

    /// <summary>How children of this descriptor start; <see langword="null"/> for the defaults.</summary>
    public ProcessOptions? Options { get; private set; }

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>A copy of this descriptor whose children start as <paramref name="options"/> says.</summary>
    private protected ProcessTarget WithOptions(ProcessOptions options)
    {
        var copy = (ProcessTarget)MemberwiseClone();
        copy.Options = options;
        return copy;
    }

    /// <summary>
    /// Runs one call of the target in the child: reads its arguments, calls it, writes its result. A pool's worker
    /// calls it once per item of a chunk, reading the items' arguments one after the other from the same reader.
    /// </summary>
    /// <param name="arguments">The serialized arguments.</param>
    /// <param name="result">Receives the serialized result.</param>
    /// <param name="cancellationToken">The token a target that takes one receives.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected abstract ValueTask Invoke(ref ArgumentReader arguments, ArgumentWriter result, CancellationToken cancellationToken);

    /// <summary>Runs one call of the target in the child (see <see cref="Invoke"/>).</summary>
    internal ValueTask Run(ref ArgumentReader arguments, ArgumentWriter result, CancellationToken cancellationToken) =>
        Invoke(ref arguments, result, cancellationToken);

    /// <summary>Starts a child running a target without a result. Used by generated stubs.</summary>
    /// <param name="arguments">The serialized arguments.</param>
    /// <param name="cancellationToken">Cancels the token the target receives in the child (for targets that take one).</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CreatesProcess]
    protected ChildProcess StartProcess(ArgumentWriter arguments, CancellationToken cancellationToken)
    {
        var child = new ChildProcess(this, Options);
        child.Launch(arguments.WrittenMemory, cancellationToken);
        return child;
    }

    /// <summary>Starts a child running a target with a result. Used by generated stubs.</summary>
    /// <param name="arguments">The serialized arguments.</param>
    /// <param name="cancellationToken">Cancels the token the target receives in the child (for targets that take one).</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CreatesProcess]
    protected ChildProcess<TResult> StartProcess<TResult>(ArgumentWriter arguments, CancellationToken cancellationToken)
    {
        var child = new ChildProcess<TResult>(this, Options);
        child.Launch(arguments.WrittenMemory, cancellationToken);
        return child;
    }
}

/// <summary>
/// A process target typed on its arguments and result, which a <see cref="ProcessPool"/> runs: <typeparamref name="TArgs"/>
/// is the parameter's type, a tuple for several parameters (Python's <c>starmap</c> arguments), or <see cref="ValueTuple"/>
/// for none; <typeparamref name="TResult"/> is the result, or <see cref="ValueTuple"/> for a target without one.
/// </summary>
/// <typeparam name="TArgs">What one call takes.</typeparam>
/// <typeparam name="TResult">What one call returns.</typeparam>
public abstract class ProcessTarget<TArgs, TResult> : ProcessTarget
{
    /// <summary>Used by generated descriptors.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)] // see PrecompiledTargets
    protected ProcessTarget(string id, string name, ProcessOptions? options)
        : base(id, name, options)
    {
    }

    /// <summary>Serializes one call's arguments. Implemented by generated descriptors.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public abstract void WriteArguments(ArgumentWriter writer, TArgs arguments);
}
