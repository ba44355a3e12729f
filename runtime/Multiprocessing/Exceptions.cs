namespace Multiprocessing;

/// <summary>A child process did not deliver what its target was asked for. Names the target and the process.</summary>
public class ChildProcessException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChildProcessException(string message, string targetName, string processName, int pid, Exception? innerException = null)
        : base(message, innerException)
    {
        TargetName = targetName;
        ProcessName = processName;
        Pid = pid;
    }

    /// <summary>The process target, as <c>Type.Method</c>.</summary>
    public string TargetName { get; }

    /// <summary>The child's name (<see cref="ChildProcess.Name"/>).</summary>
    public string ProcessName { get; }

    /// <summary>The child's process id, or 0 when it never started.</summary>
    public int Pid { get; }

    private protected static string Describe(string targetName, string processName, int pid) =>
        pid == 0 ? $"'{targetName}' (child {processName})" : $"'{targetName}' in child {processName} (pid {pid})";
}

/// <summary>The target threw in the child. Carries the remote exception's type, message and stack trace.</summary>
public sealed class ProcessTargetException : ChildProcessException
{
    /// <summary>Creates the exception.</summary>
    public ProcessTargetException(string targetName, string processName, int pid, string remoteType, string remoteMessage, string remoteStackTrace, int? item = null)
        : base($"Process target {Describe(targetName, processName, pid)}{(item is null ? "" : $", item {item}")} threw {remoteType}: {remoteMessage}", targetName, processName, pid)
    {
        Item = item;
        RemoteType = remoteType;
        RemoteMessage = remoteMessage;
        RemoteStackTrace = remoteStackTrace;
    }

    /// <summary>The item's position in its map, for a task of a <see cref="ProcessPool"/> map.</summary>
    public int? Item { get; }

    /// <summary>The full name of the exception type thrown in the child.</summary>
    public string RemoteType { get; }

    /// <summary>The message of the exception thrown in the child.</summary>
    public string RemoteMessage { get; }

    /// <summary>The stack trace of the exception thrown in the child (inner exceptions included).</summary>
    public string RemoteStackTrace { get; }

    /// <inheritdoc />
    public override string ToString() => $"{base.ToString()}{Environment.NewLine}--- Remote stack trace (pid {Pid}) ---{Environment.NewLine}{RemoteStackTrace}";
}

/// <summary>
/// The child ended without reporting a result: it was killed (by a signal, the OOM killer, <see cref="ChildProcess.Kill"/>),
/// crashed, called <c>Environment.Exit</c> or <c>Environment.FailFast</c>, or lost its parent connection.
/// </summary>
public sealed class ChildProcessCrashedException : ChildProcessException
{
    /// <summary>Creates the exception.</summary>
    public ChildProcessCrashedException(string targetName, string processName, int pid, int exitCode, string? lostWork = null)
        : base(BuildMessage(targetName, processName, pid, exitCode, lostWork), targetName, processName, pid)
    {
        ExitCode = exitCode;
    }

    /// <summary>The exit code; negative for a signal (Python's convention): -9 is SIGKILL.</summary>
    public int ExitCode { get; }

    /// <summary>The signal that ended the child, if a signal did.</summary>
    public int? Signal => ExitCode < 0 ? -ExitCode : null;

    private static string BuildMessage(string targetName, string processName, int pid, int exitCode, string? lostWork)
    {
        string how = exitCode < 0
            ? $"was killed by signal {-exitCode}{SignalName(-exitCode)}"
            : $"exited with code {exitCode}";
        return $"Process target {Describe(targetName, processName, pid)}{(lostWork is null ? "" : $" ({lostWork})")} {how} without reporting a result. " +
               "Look at the child's standard error above; a signal usually means it was killed (Kill(), the OOM killer, a crash).";
    }

    private static string SignalName(int signal) => signal switch
    {
        2 => " (SIGINT)",
        6 => " (SIGABRT)",
        9 => " (SIGKILL)",
        11 => " (SIGSEGV)",
        15 => " (SIGTERM)",
        _ => "",
    };
}

/// <summary>The child could not be started, or the parent refused to run anything in it.</summary>
public sealed class ChildProcessStartException : ChildProcessException
{
    /// <summary>Creates the exception.</summary>
    public ChildProcessStartException(string message, string targetName, string processName, int pid, Exception? innerException = null)
        : base(message, targetName, processName, pid, innerException)
    {
    }
}
