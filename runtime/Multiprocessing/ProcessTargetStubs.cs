using System.ComponentModel;
using System.Runtime.CompilerServices;
using Multiprocessing.Serialization;

namespace Multiprocessing;

// The bases of generated descriptors for targets with up to eight arguments. A generated descriptor passes the target
// method as a delegate and adds only its typed Start: the child calls the target through this shared code, so a
// project's build compiles one small class per target instead of a serializer and an invoker for each.

/// <summary>
/// What the generated descriptors of targets with up to eight arguments share: <see cref="With"/>.
/// </summary>
/// <typeparam name="TSelf">The generated descriptor.</typeparam>
/// <typeparam name="TArgs">What one call takes (see <see cref="ProcessTarget{TArgs, TResult}"/>).</typeparam>
/// <typeparam name="TReturn">What the target method is declared to return: the result, a task of it, or <see cref="ValueTuple"/> for <c>void</c>.</typeparam>
/// <typeparam name="TResult">What the parent receives.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ProcessTargetStub<TSelf, TArgs, TReturn, TResult> : ProcessTarget<TArgs, TResult>
    where TSelf : ProcessTargetStub<TSelf, TArgs, TReturn, TResult>
{
    [MethodImpl(MethodImplOptions.NoInlining)] // a method of its own, so that ReadyToRun precompiles it (see PrecompiledTargets)
    private protected ProcessTargetStub(string id, string name)
        : base(id, name, null)
    {
    }

    /// <summary>This target, with children started as <paramref name="options"/> says (name, daemon, redirection).</summary>
    /// <param name="options">How its children start.</param>
    public TSelf With(ProcessOptions options) => (TSelf)WithOptions(options);
}

/// <summary>The base of generated descriptors of targets with no arguments (see <see cref="ProcessTargetStub{TSelf, TArgs, TReturn, TResult}"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ProcessTarget0<TSelf, TReturn, TResult> : ProcessTargetStub<TSelf, ValueTuple, TReturn, TResult>
    where TSelf : ProcessTarget0<TSelf, TReturn, TResult>
{
    private readonly Delegate _target;

    /// <summary>Used by generated descriptors.</summary>
    /// <param name="id">The stable target id.</param>
    /// <param name="name">The target as a user reads it.</param>
    /// <param name="target">The target method: a <c>Func&lt;TReturn&gt;</c>, or an <c>Action</c> when it returns nothing, with a <see cref="CancellationToken"/> after the arguments when it takes one.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    protected ProcessTarget0(string id, string name, Delegate target)
        : base(id, name) => _target = target;

    /// <summary>Starts a child that runs the target. Used by generated stubs.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CreatesProcess]
    protected ChildProcess<TResult> StartChild(CancellationToken cancellationToken = default) =>
        StartProcess<TResult>(new ArgumentWriter(), cancellationToken);

    /// <summary>Starts a child that runs the target, which returns nothing. Used by generated stubs.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CreatesProcess]
    protected ChildProcess StartChildWithoutResult(CancellationToken cancellationToken = default) =>
        StartProcess(new ArgumentWriter(), cancellationToken);

    /// <inheritdoc />
    public sealed override void WriteArguments(ArgumentWriter writer, ValueTuple arguments)
    {
    }

    /// <inheritdoc />
    protected sealed override ValueTask Invoke(ref ArgumentReader arguments, ArgumentWriter result, CancellationToken cancellationToken)
    {
        switch (_target)
        {
            case Func<TReturn> call:
                return TargetCompletion.OfReturned<TReturn, TResult>(call(), result);
            case Func<CancellationToken, TReturn> call:
                return TargetCompletion.OfReturned<TReturn, TResult>(call(cancellationToken), result);
            case Action run:
                run();
                return default;
            default:
                ((Action<CancellationToken>)_target)(cancellationToken);
                return default;
        }
    }
}

/// <summary>The base of generated descriptors of targets with one argument (see <see cref="ProcessTargetStub{TSelf, TArgs, TReturn, TResult}"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ProcessTarget1<TSelf, T1, TReturn, TResult> : ProcessTargetStub<TSelf, T1, TReturn, TResult>
    where TSelf : ProcessTarget1<TSelf, T1, TReturn, TResult>
{
    private readonly Delegate _target;

    /// <summary>Used by generated descriptors.</summary>
    /// <param name="id">The stable target id.</param>
    /// <param name="name">The target as a user reads it.</param>
    /// <param name="target">The target method: a <c>Func&lt;T1, TReturn&gt;</c>, or an <c>Action</c> when it returns nothing, with a <see cref="CancellationToken"/> after the arguments when it takes one.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    protected ProcessTarget1(string id, string name, Delegate target)
        : base(id, name) => _target = target;

    /// <summary>Starts a child that runs the target with these arguments. Used by generated stubs.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CreatesProcess]
    protected ChildProcess<TResult> StartChild(T1 a1, CancellationToken cancellationToken = default) =>
        StartProcess<TResult>(Arguments(a1), cancellationToken);

    /// <summary>Starts a child that runs the target, which returns nothing, with these arguments. Used by generated stubs.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CreatesProcess]
    protected ChildProcess StartChildWithoutResult(T1 a1, CancellationToken cancellationToken = default) =>
        StartProcess(Arguments(a1), cancellationToken);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a pool calls it once per item: no unoptimized first tier
    public sealed override void WriteArguments(ArgumentWriter writer, T1 arguments)
    {
        writer.Write(arguments);
    }

    /// <inheritdoc />
    protected sealed override ValueTask Invoke(ref ArgumentReader arguments, ArgumentWriter result, CancellationToken cancellationToken)
    {
        var a1 = arguments.Read<T1>();
        switch (_target)
        {
            case Func<T1, TReturn> call:
                return TargetCompletion.OfReturned<TReturn, TResult>(call(a1), result);
            case Func<T1, CancellationToken, TReturn> call:
                return TargetCompletion.OfReturned<TReturn, TResult>(call(a1, cancellationToken), result);
            case Action<T1> run:
                run(a1);
                return default;
            default:
                ((Action<T1, CancellationToken>)_target)(a1, cancellationToken);
                return default;
        }
    }

    private static ArgumentWriter Arguments(T1 a1)
    {
        var writer = new ArgumentWriter();
        writer.Write(a1);
        return writer;
    }
}

/// <summary>The base of generated descriptors of targets with two arguments (see <see cref="ProcessTargetStub{TSelf, TArgs, TReturn, TResult}"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ProcessTarget2<TSelf, T1, T2, TReturn, TResult> : ProcessTargetStub<TSelf, (T1, T2), TReturn, TResult>
    where TSelf : ProcessTarget2<TSelf, T1, T2, TReturn, TResult>
{
    private readonly Delegate _target;

    /// <summary>Used by generated descriptors.</summary>
    /// <param name="id">The stable target id.</param>
    /// <param name="name">The target as a user reads it.</param>
    /// <param name="target">The target method: a <c>Func&lt;T1, T2, TReturn&gt;</c>, or an <c>Action</c> when it returns nothing, with a <see cref="CancellationToken"/> after the arguments when it takes one.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    protected ProcessTarget2(string id, string name, Delegate target)
        : base(id, name) => _target = target;

    /// <summary>Starts a child that runs the target with these arguments. Used by generated stubs.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CreatesProcess]
    protected ChildProcess<TResult> StartChild(T1 a1, T2 a2, CancellationToken cancellationToken = default) =>
        StartProcess<TResult>(Arguments(a1, a2), cancellationToken);

    /// <summary>Starts a child that runs the target, which returns nothing, with these arguments. Used by generated stubs.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CreatesProcess]
    protected ChildProcess StartChildWithoutResult(T1 a1, T2 a2, CancellationToken cancellationToken = default) =>
        StartProcess(Arguments(a1, a2), cancellationToken);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a pool calls it once per item: no unoptimized first tier
    public sealed override void WriteArguments(ArgumentWriter writer, (T1, T2) arguments)
    {
        writer.Write(arguments.Item1);
        writer.Write(arguments.Item2);
    }

    /// <inheritdoc />
    protected sealed override ValueTask Invoke(ref ArgumentReader arguments, ArgumentWriter result, CancellationToken cancellationToken)
    {
        var a1 = arguments.Read<T1>();
        var a2 = arguments.Read<T2>();
        switch (_target)
        {
            case Func<T1, T2, TReturn> call:
                return TargetCompletion.OfReturned<TReturn, TResult>(call(a1, a2), result);
            case Func<T1, T2, CancellationToken, TReturn> call:
                return TargetCompletion.OfReturned<TReturn, TResult>(call(a1, a2, cancellationToken), result);
            case Action<T1, T2> run:
                run(a1, a2);
                return default;
            default:
                ((Action<T1, T2, CancellationToken>)_target)(a1, a2, cancellationToken);
                return default;
        }
    }

    private static ArgumentWriter Arguments(T1 a1, T2 a2)
    {
        var writer = new ArgumentWriter();
        writer.Write(a1);
        writer.Write(a2);
        return writer;
    }
}

/// <summary>The base of generated descriptors of targets with three arguments (see <see cref="ProcessTargetStub{TSelf, TArgs, TReturn, TResult}"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ProcessTarget3<TSelf, T1, T2, T3, TReturn, TResult> : ProcessTargetStub<TSelf, (T1, T2, T3), TReturn, TResult>
    where TSelf : ProcessTarget3<TSelf, T1, T2, T3, TReturn, TResult>
{
    private readonly Delegate _target;

    /// <summary>Used by generated descriptors.</summary>
    /// <param name="id">The stable target id.</param>
    /// <param name="name">The target as a user reads it.</param>
    /// <param name="target">The target method: a <c>Func&lt;T1, T2, T3, TReturn&gt;</c>, or an <c>Action</c> when it returns nothing, with a <see cref="CancellationToken"/> after the arguments when it takes one.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    protected ProcessTarget3(string id, string name, Delegate target)
        : base(id, name) => _target = target;

    /// <summary>Starts a child that runs the target with these arguments. Used by generated stubs.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CreatesProcess]
    protected ChildProcess<TResult> StartChild(T1 a1, T2 a2, T3 a3, CancellationToken cancellationToken = default) =>
        StartProcess<TResult>(Arguments(a1, a2, a3), cancellationToken);

    /// <summary>Starts a child that runs the target, which returns nothing, with these arguments. Used by generated stubs.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CreatesProcess]
    protected ChildProcess StartChildWithoutResult(T1 a1, T2 a2, T3 a3, CancellationToken cancellationToken = default) =>
        StartProcess(Arguments(a1, a2, a3), cancellationToken);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a pool calls it once per item: no unoptimized first tier
    public sealed override void WriteArguments(ArgumentWriter writer, (T1, T2, T3) arguments)
    {
        writer.Write(arguments.Item1);
        writer.Write(arguments.Item2);
        writer.Write(arguments.Item3);
    }

    /// <inheritdoc />
    protected sealed override ValueTask Invoke(ref ArgumentReader arguments, ArgumentWriter result, CancellationToken cancellationToken)
    {
        var a1 = arguments.Read<T1>();
        var a2 = arguments.Read<T2>();
        var a3 = arguments.Read<T3>();
        switch (_target)
        {
            case Func<T1, T2, T3, TReturn> call:
                return TargetCompletion.OfReturned<TReturn, TResult>(call(a1, a2, a3), result);
            case Func<T1, T2, T3, CancellationToken, TReturn> call:
                return TargetCompletion.OfReturned<TReturn, TResult>(call(a1, a2, a3, cancellationToken), result);
            case Action<T1, T2, T3> run:
                run(a1, a2, a3);
                return default;
            default:
                ((Action<T1, T2, T3, CancellationToken>)_target)(a1, a2, a3, cancellationToken);
                return default;
        }
    }

    private static ArgumentWriter Arguments(T1 a1, T2 a2, T3 a3)
    {
        var writer = new ArgumentWriter();
        writer.Write(a1);
        writer.Write(a2);
        writer.Write(a3);
        return writer;
    }
}

/// <summary>The base of generated descriptors of targets with four arguments (see <see cref="ProcessTargetStub{TSelf, TArgs, TReturn, TResult}"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ProcessTarget4<TSelf, T1, T2, T3, T4, TReturn, TResult> : ProcessTargetStub<TSelf, (T1, T2, T3, T4), TReturn, TResult>
    where TSelf : ProcessTarget4<TSelf, T1, T2, T3, T4, TReturn, TResult>
{
    private readonly Delegate _target;

    /// <summary>Used by generated descriptors.</summary>
    /// <param name="id">The stable target id.</param>
    /// <param name="name">The target as a user reads it.</param>
    /// <param name="target">The target method: a <c>Func&lt;T1, T2, T3, T4, TReturn&gt;</c>, or an <c>Action</c> when it returns nothing, with a <see cref="CancellationToken"/> after the arguments when it takes one.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    protected ProcessTarget4(string id, string name, Delegate target)
        : base(id, name) => _target = target;

    /// <summary>Starts a child that runs the target with these arguments. Used by generated stubs.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CreatesProcess]
    protected ChildProcess<TResult> StartChild(T1 a1, T2 a2, T3 a3, T4 a4, CancellationToken cancellationToken = default) =>
        StartProcess<TResult>(Arguments(a1, a2, a3, a4), cancellationToken);

    /// <summary>Starts a child that runs the target, which returns nothing, with these arguments. Used by generated stubs.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CreatesProcess]
    protected ChildProcess StartChildWithoutResult(T1 a1, T2 a2, T3 a3, T4 a4, CancellationToken cancellationToken = default) =>
        StartProcess(Arguments(a1, a2, a3, a4), cancellationToken);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a pool calls it once per item: no unoptimized first tier
    public sealed override void WriteArguments(ArgumentWriter writer, (T1, T2, T3, T4) arguments)
    {
        writer.Write(arguments.Item1);
        writer.Write(arguments.Item2);
        writer.Write(arguments.Item3);
        writer.Write(arguments.Item4);
    }

    /// <inheritdoc />
    protected sealed override ValueTask Invoke(ref ArgumentReader arguments, ArgumentWriter result, CancellationToken cancellationToken)
    {
        var a1 = arguments.Read<T1>();
        var a2 = arguments.Read<T2>();
        var a3 = arguments.Read<T3>();
        var a4 = arguments.Read<T4>();
        switch (_target)
        {
            case Func<T1, T2, T3, T4, TReturn> call:
                return TargetCompletion.OfReturned<TReturn, TResult>(call(a1, a2, a3, a4), result);
            case Func<T1, T2, T3, T4, CancellationToken, TReturn> call:
                return TargetCompletion.OfReturned<TReturn, TResult>(call(a1, a2, a3, a4, cancellationToken), result);
            case Action<T1, T2, T3, T4> run:
                run(a1, a2, a3, a4);
                return default;
            default:
                ((Action<T1, T2, T3, T4, CancellationToken>)_target)(a1, a2, a3, a4, cancellationToken);
                return default;
        }
    }

    private static ArgumentWriter Arguments(T1 a1, T2 a2, T3 a3, T4 a4)
    {
        var writer = new ArgumentWriter();
        writer.Write(a1);
        writer.Write(a2);
        writer.Write(a3);
        writer.Write(a4);
        return writer;
    }
}

/// <summary>The base of generated descriptors of targets with five arguments (see <see cref="ProcessTargetStub{TSelf, TArgs, TReturn, TResult}"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ProcessTarget5<TSelf, T1, T2, T3, T4, T5, TReturn, TResult> : ProcessTargetStub<TSelf, (T1, T2, T3, T4, T5), TReturn, TResult>
    where TSelf : ProcessTarget5<TSelf, T1, T2, T3, T4, T5, TReturn, TResult>
{
    private readonly Delegate _target;

    /// <summary>Used by generated descriptors.</summary>
    /// <param name="id">The stable target id.</param>
    /// <param name="name">The target as a user reads it.</param>
    /// <param name="target">The target method: a <c>Func&lt;T1, T2, T3, T4, T5, TReturn&gt;</c>, or an <c>Action</c> when it returns nothing, with a <see cref="CancellationToken"/> after the arguments when it takes one.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    protected ProcessTarget5(string id, string name, Delegate target)
        : base(id, name) => _target = target;

    /// <summary>Starts a child that runs the target with these arguments. Used by generated stubs.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CreatesProcess]
    protected ChildProcess<TResult> StartChild(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, CancellationToken cancellationToken = default) =>
        StartProcess<TResult>(Arguments(a1, a2, a3, a4, a5), cancellationToken);

    /// <summary>Starts a child that runs the target, which returns nothing, with these arguments. Used by generated stubs.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CreatesProcess]
    protected ChildProcess StartChildWithoutResult(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, CancellationToken cancellationToken = default) =>
        StartProcess(Arguments(a1, a2, a3, a4, a5), cancellationToken);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a pool calls it once per item: no unoptimized first tier
    public sealed override void WriteArguments(ArgumentWriter writer, (T1, T2, T3, T4, T5) arguments)
    {
        writer.Write(arguments.Item1);
        writer.Write(arguments.Item2);
        writer.Write(arguments.Item3);
        writer.Write(arguments.Item4);
        writer.Write(arguments.Item5);
    }

    /// <inheritdoc />
    protected sealed override ValueTask Invoke(ref ArgumentReader arguments, ArgumentWriter result, CancellationToken cancellationToken)
    {
        var a1 = arguments.Read<T1>();
        var a2 = arguments.Read<T2>();
        var a3 = arguments.Read<T3>();
        var a4 = arguments.Read<T4>();
        var a5 = arguments.Read<T5>();
        switch (_target)
        {
            case Func<T1, T2, T3, T4, T5, TReturn> call:
                return TargetCompletion.OfReturned<TReturn, TResult>(call(a1, a2, a3, a4, a5), result);
            case Func<T1, T2, T3, T4, T5, CancellationToken, TReturn> call:
                return TargetCompletion.OfReturned<TReturn, TResult>(call(a1, a2, a3, a4, a5, cancellationToken), result);
            case Action<T1, T2, T3, T4, T5> run:
                run(a1, a2, a3, a4, a5);
                return default;
            default:
                ((Action<T1, T2, T3, T4, T5, CancellationToken>)_target)(a1, a2, a3, a4, a5, cancellationToken);
                return default;
        }
    }

    private static ArgumentWriter Arguments(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5)
    {
        var writer = new ArgumentWriter();
        writer.Write(a1);
        writer.Write(a2);
        writer.Write(a3);
        writer.Write(a4);
        writer.Write(a5);
        return writer;
    }
}

/// <summary>The base of generated descriptors of targets with six arguments (see <see cref="ProcessTargetStub{TSelf, TArgs, TReturn, TResult}"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ProcessTarget6<TSelf, T1, T2, T3, T4, T5, T6, TReturn, TResult> : ProcessTargetStub<TSelf, (T1, T2, T3, T4, T5, T6), TReturn, TResult>
    where TSelf : ProcessTarget6<TSelf, T1, T2, T3, T4, T5, T6, TReturn, TResult>
{
    private readonly Delegate _target;

    /// <summary>Used by generated descriptors.</summary>
    /// <param name="id">The stable target id.</param>
    /// <param name="name">The target as a user reads it.</param>
    /// <param name="target">The target method: a <c>Func&lt;T1, T2, T3, T4, T5, T6, TReturn&gt;</c>, or an <c>Action</c> when it returns nothing, with a <see cref="CancellationToken"/> after the arguments when it takes one.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    protected ProcessTarget6(string id, string name, Delegate target)
        : base(id, name) => _target = target;

    /// <summary>Starts a child that runs the target with these arguments. Used by generated stubs.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CreatesProcess]
    protected ChildProcess<TResult> StartChild(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, CancellationToken cancellationToken = default) =>
        StartProcess<TResult>(Arguments(a1, a2, a3, a4, a5, a6), cancellationToken);

    /// <summary>Starts a child that runs the target, which returns nothing, with these arguments. Used by generated stubs.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CreatesProcess]
    protected ChildProcess StartChildWithoutResult(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, CancellationToken cancellationToken = default) =>
        StartProcess(Arguments(a1, a2, a3, a4, a5, a6), cancellationToken);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a pool calls it once per item: no unoptimized first tier
    public sealed override void WriteArguments(ArgumentWriter writer, (T1, T2, T3, T4, T5, T6) arguments)
    {
        writer.Write(arguments.Item1);
        writer.Write(arguments.Item2);
        writer.Write(arguments.Item3);
        writer.Write(arguments.Item4);
        writer.Write(arguments.Item5);
        writer.Write(arguments.Item6);
    }

    /// <inheritdoc />
    protected sealed override ValueTask Invoke(ref ArgumentReader arguments, ArgumentWriter result, CancellationToken cancellationToken)
    {
        var a1 = arguments.Read<T1>();
        var a2 = arguments.Read<T2>();
        var a3 = arguments.Read<T3>();
        var a4 = arguments.Read<T4>();
        var a5 = arguments.Read<T5>();
        var a6 = arguments.Read<T6>();
        switch (_target)
        {
            case Func<T1, T2, T3, T4, T5, T6, TReturn> call:
                return TargetCompletion.OfReturned<TReturn, TResult>(call(a1, a2, a3, a4, a5, a6), result);
            case Func<T1, T2, T3, T4, T5, T6, CancellationToken, TReturn> call:
                return TargetCompletion.OfReturned<TReturn, TResult>(call(a1, a2, a3, a4, a5, a6, cancellationToken), result);
            case Action<T1, T2, T3, T4, T5, T6> run:
                run(a1, a2, a3, a4, a5, a6);
                return default;
            default:
                ((Action<T1, T2, T3, T4, T5, T6, CancellationToken>)_target)(a1, a2, a3, a4, a5, a6, cancellationToken);
                return default;
        }
    }

    private static ArgumentWriter Arguments(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6)
    {
        var writer = new ArgumentWriter();
        writer.Write(a1);
        writer.Write(a2);
        writer.Write(a3);
        writer.Write(a4);
        writer.Write(a5);
        writer.Write(a6);
        return writer;
    }
}

/// <summary>The base of generated descriptors of targets with seven arguments (see <see cref="ProcessTargetStub{TSelf, TArgs, TReturn, TResult}"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ProcessTarget7<TSelf, T1, T2, T3, T4, T5, T6, T7, TReturn, TResult> : ProcessTargetStub<TSelf, (T1, T2, T3, T4, T5, T6, T7), TReturn, TResult>
    where TSelf : ProcessTarget7<TSelf, T1, T2, T3, T4, T5, T6, T7, TReturn, TResult>
{
    private readonly Delegate _target;

    /// <summary>Used by generated descriptors.</summary>
    /// <param name="id">The stable target id.</param>
    /// <param name="name">The target as a user reads it.</param>
    /// <param name="target">The target method: a <c>Func&lt;T1, T2, T3, T4, T5, T6, T7, TReturn&gt;</c>, or an <c>Action</c> when it returns nothing, with a <see cref="CancellationToken"/> after the arguments when it takes one.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    protected ProcessTarget7(string id, string name, Delegate target)
        : base(id, name) => _target = target;

    /// <summary>Starts a child that runs the target with these arguments. Used by generated stubs.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CreatesProcess]
    protected ChildProcess<TResult> StartChild(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, CancellationToken cancellationToken = default) =>
        StartProcess<TResult>(Arguments(a1, a2, a3, a4, a5, a6, a7), cancellationToken);

    /// <summary>Starts a child that runs the target, which returns nothing, with these arguments. Used by generated stubs.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CreatesProcess]
    protected ChildProcess StartChildWithoutResult(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, CancellationToken cancellationToken = default) =>
        StartProcess(Arguments(a1, a2, a3, a4, a5, a6, a7), cancellationToken);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a pool calls it once per item: no unoptimized first tier
    public sealed override void WriteArguments(ArgumentWriter writer, (T1, T2, T3, T4, T5, T6, T7) arguments)
    {
        writer.Write(arguments.Item1);
        writer.Write(arguments.Item2);
        writer.Write(arguments.Item3);
        writer.Write(arguments.Item4);
        writer.Write(arguments.Item5);
        writer.Write(arguments.Item6);
        writer.Write(arguments.Item7);
    }

    /// <inheritdoc />
    protected sealed override ValueTask Invoke(ref ArgumentReader arguments, ArgumentWriter result, CancellationToken cancellationToken)
    {
        var a1 = arguments.Read<T1>();
        var a2 = arguments.Read<T2>();
        var a3 = arguments.Read<T3>();
        var a4 = arguments.Read<T4>();
        var a5 = arguments.Read<T5>();
        var a6 = arguments.Read<T6>();
        var a7 = arguments.Read<T7>();
        switch (_target)
        {
            case Func<T1, T2, T3, T4, T5, T6, T7, TReturn> call:
                return TargetCompletion.OfReturned<TReturn, TResult>(call(a1, a2, a3, a4, a5, a6, a7), result);
            case Func<T1, T2, T3, T4, T5, T6, T7, CancellationToken, TReturn> call:
                return TargetCompletion.OfReturned<TReturn, TResult>(call(a1, a2, a3, a4, a5, a6, a7, cancellationToken), result);
            case Action<T1, T2, T3, T4, T5, T6, T7> run:
                run(a1, a2, a3, a4, a5, a6, a7);
                return default;
            default:
                ((Action<T1, T2, T3, T4, T5, T6, T7, CancellationToken>)_target)(a1, a2, a3, a4, a5, a6, a7, cancellationToken);
                return default;
        }
    }

    private static ArgumentWriter Arguments(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7)
    {
        var writer = new ArgumentWriter();
        writer.Write(a1);
        writer.Write(a2);
        writer.Write(a3);
        writer.Write(a4);
        writer.Write(a5);
        writer.Write(a6);
        writer.Write(a7);
        return writer;
    }
}

/// <summary>The base of generated descriptors of targets with eight arguments (see <see cref="ProcessTargetStub{TSelf, TArgs, TReturn, TResult}"/>).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class ProcessTarget8<TSelf, T1, T2, T3, T4, T5, T6, T7, T8, TReturn, TResult> : ProcessTargetStub<TSelf, (T1, T2, T3, T4, T5, T6, T7, T8), TReturn, TResult>
    where TSelf : ProcessTarget8<TSelf, T1, T2, T3, T4, T5, T6, T7, T8, TReturn, TResult>
{
    private readonly Delegate _target;

    /// <summary>Used by generated descriptors.</summary>
    /// <param name="id">The stable target id.</param>
    /// <param name="name">The target as a user reads it.</param>
    /// <param name="target">The target method: a <c>Func&lt;T1, T2, T3, T4, T5, T6, T7, T8, TReturn&gt;</c>, or an <c>Action</c> when it returns nothing, with a <see cref="CancellationToken"/> after the arguments when it takes one.</param>
    [MethodImpl(MethodImplOptions.NoInlining)]
    protected ProcessTarget8(string id, string name, Delegate target)
        : base(id, name) => _target = target;

    /// <summary>Starts a child that runs the target with these arguments. Used by generated stubs.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CreatesProcess]
    protected ChildProcess<TResult> StartChild(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, CancellationToken cancellationToken = default) =>
        StartProcess<TResult>(Arguments(a1, a2, a3, a4, a5, a6, a7, a8), cancellationToken);

    /// <summary>Starts a child that runs the target, which returns nothing, with these arguments. Used by generated stubs.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [CreatesProcess]
    protected ChildProcess StartChildWithoutResult(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, CancellationToken cancellationToken = default) =>
        StartProcess(Arguments(a1, a2, a3, a4, a5, a6, a7, a8), cancellationToken);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a pool calls it once per item: no unoptimized first tier
    public sealed override void WriteArguments(ArgumentWriter writer, (T1, T2, T3, T4, T5, T6, T7, T8) arguments)
    {
        writer.Write(arguments.Item1);
        writer.Write(arguments.Item2);
        writer.Write(arguments.Item3);
        writer.Write(arguments.Item4);
        writer.Write(arguments.Item5);
        writer.Write(arguments.Item6);
        writer.Write(arguments.Item7);
        writer.Write(arguments.Item8);
    }

    /// <inheritdoc />
    protected sealed override ValueTask Invoke(ref ArgumentReader arguments, ArgumentWriter result, CancellationToken cancellationToken)
    {
        var a1 = arguments.Read<T1>();
        var a2 = arguments.Read<T2>();
        var a3 = arguments.Read<T3>();
        var a4 = arguments.Read<T4>();
        var a5 = arguments.Read<T5>();
        var a6 = arguments.Read<T6>();
        var a7 = arguments.Read<T7>();
        var a8 = arguments.Read<T8>();
        switch (_target)
        {
            case Func<T1, T2, T3, T4, T5, T6, T7, T8, TReturn> call:
                return TargetCompletion.OfReturned<TReturn, TResult>(call(a1, a2, a3, a4, a5, a6, a7, a8), result);
            case Func<T1, T2, T3, T4, T5, T6, T7, T8, CancellationToken, TReturn> call:
                return TargetCompletion.OfReturned<TReturn, TResult>(call(a1, a2, a3, a4, a5, a6, a7, a8, cancellationToken), result);
            case Action<T1, T2, T3, T4, T5, T6, T7, T8> run:
                run(a1, a2, a3, a4, a5, a6, a7, a8);
                return default;
            default:
                ((Action<T1, T2, T3, T4, T5, T6, T7, T8, CancellationToken>)_target)(a1, a2, a3, a4, a5, a6, a7, a8, cancellationToken);
                return default;
        }
    }

    private static ArgumentWriter Arguments(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8)
    {
        var writer = new ArgumentWriter();
        writer.Write(a1);
        writer.Write(a2);
        writer.Write(a3);
        writer.Write(a4);
        writer.Write(a5);
        writer.Write(a6);
        writer.Write(a7);
        writer.Write(a8);
        return writer;
    }
}

/// <summary>
/// Never called: makes ReadyToRun compile the shared bases for a few common target shapes into this assembly (as
/// <see cref="Serialization.PrecompiledArguments"/> does for arguments), so a child does not JIT them to run its target.
/// </summary>
internal static class PrecompiledTargets
{
    internal static void Instantiate(ArgumentWriter writer, ref ArgumentReader reader)
    {
        new IntToInt().Call(writer, ref reader);
        new NoneToVoid().Call(writer, ref reader);
        new IntToVoid().Call(writer, ref reader);
        new StringIntToVoid().Call(writer, ref reader);
        new StringToString().Call(writer, ref reader);
    }

    private sealed class IntToInt() : ProcessTarget1<IntToInt, int, int, int>("", "", (Func<int, int>)(n => n))
    {
        internal void Call(ArgumentWriter writer, ref ArgumentReader reader)
        {
            WriteArguments(writer, 0);
            _ = Invoke(ref reader, writer, default);
        }
    }

    private sealed class NoneToVoid() : ProcessTarget0<NoneToVoid, ValueTuple, ValueTuple>("", "", () => { })
    {
        internal void Call(ArgumentWriter writer, ref ArgumentReader reader)
        {
            WriteArguments(writer, default);
            _ = Invoke(ref reader, writer, default);
        }
    }

    private sealed class IntToVoid() : ProcessTarget1<IntToVoid, int, ValueTuple, ValueTuple>("", "", (Action<int>)(_ => { }))
    {
        internal void Call(ArgumentWriter writer, ref ArgumentReader reader)
        {
            WriteArguments(writer, 0);
            _ = Invoke(ref reader, writer, default);
        }
    }

    private sealed class StringIntToVoid() : ProcessTarget2<StringIntToVoid, string, int, ValueTuple, ValueTuple>("", "", (Action<string, int>)((_, _) => { }))
    {
        internal void Call(ArgumentWriter writer, ref ArgumentReader reader)
        {
            WriteArguments(writer, ("", 0));
            _ = Invoke(ref reader, writer, default);
        }
    }

    private sealed class StringToString() : ProcessTarget1<StringToString, string, string, string>("", "", (Func<string, string>)(s => s))
    {
        internal void Call(ArgumentWriter writer, ref ArgumentReader reader)
        {
            WriteArguments(writer, "");
            _ = Invoke(ref reader, writer, default);
        }
    }
}
