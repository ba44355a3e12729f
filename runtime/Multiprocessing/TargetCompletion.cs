using System.ComponentModel;
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
}
