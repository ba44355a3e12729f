using System.ComponentModel;
using System.Runtime.CompilerServices;
using Multiprocessing.Serialization;

namespace Multiprocessing;

/// <summary>Completes asynchronous targets: the shared descriptor bases and the generated invokers of targets with more than eight arguments use it.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TargetCompletion
{
    /// <summary>Completes when <paramref name="task"/> does.</summary>
    public static ValueTask Of(Task task) => new(task);

    /// <summary>Completes when <paramref name="task"/> does.</summary>
    public static ValueTask Of(ValueTask task) => task;

    /// <summary>Writes the result of <paramref name="task"/> once it completes.</summary>
    public static ValueTask Of<T>(Task<T> task, ArgumentWriter result) => Of(new ValueTask<T>(task), result);

    /// <summary>Writes the result of <paramref name="task"/> once it completes.</summary>
    public static ValueTask Of<T>(ValueTask<T> task, ArgumentWriter result)
    {
        if (task.IsCompletedSuccessfully)
        {
            result.Write(task.Result);
            return default;
        }

        return Await(task, result);

        static async ValueTask Await(ValueTask<T> task, ArgumentWriter result) => result.Write(await task.ConfigureAwait(false));
    }

    /// <summary>
    /// Writes what a target returned into <paramref name="result"/>, once it completes when it is a task. A generic
    /// method of this non-generic class, so the descriptor bases call it without a generic-dictionary lookup per item.
    /// </summary>
    internal static ValueTask OfReturned<TReturn, TResult>(TReturn value, ArgumentWriter result)
    {
        // the typeof comparisons are constants for value types (the dead branches drop out) and a pointer compare otherwise
        if (typeof(TReturn) == typeof(Task))
        {
            return new ValueTask(Unsafe.As<Task>(value!));
        }

        if (typeof(TReturn) == typeof(ValueTask))
        {
            return Unsafe.As<TReturn, ValueTask>(ref value);
        }

        if (typeof(TReturn) == typeof(Task<TResult>))
        {
            return Of(Unsafe.As<Task<TResult>>(value!), result);
        }

        if (typeof(TReturn) == typeof(ValueTask<TResult>))
        {
            return Of(Unsafe.As<TReturn, ValueTask<TResult>>(ref value), result);
        }

        result.Write(value);
        return default;
    }
}
