using System.ComponentModel;
using Multiprocessing.Serialization;

namespace Multiprocessing;

/// <summary>
/// Runs one call of a process target in the child: reads its arguments, calls it, writes its result. The dispatcher's
/// shape is <c>(target id, bytes) -> bytes</c>, so the same entry serves any transport; a pool's worker calls it once
/// per item of a chunk, reading the items' arguments one after the other from the same reader.
/// </summary>
/// <remarks>Implemented by generated code.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate ValueTask ProcessTargetInvoker(ref ArgumentReader arguments, ArgumentWriter result, CancellationToken cancellationToken);

/// <summary>Helpers the generated invokers use to complete asynchronous targets.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TargetCompletion
{
    /// <summary>Completes when <paramref name="task"/> does.</summary>
    public static ValueTask Of(Task task) => new(task);

    /// <summary>Completes when <paramref name="task"/> does.</summary>
    public static ValueTask Of(ValueTask task) => task;

    /// <summary>Writes the result of <paramref name="task"/> once it completes.</summary>
    public static ValueTask Of<T>(Task<T> task, ArgumentWriter result)
    {
        if (task.IsCompletedSuccessfully)
        {
            result.Write(task.Result);
            return default;
        }

        return Await(task, result);

        static async ValueTask Await(Task<T> task, ArgumentWriter result) => result.Write(await task.ConfigureAwait(false));
    }

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
}
