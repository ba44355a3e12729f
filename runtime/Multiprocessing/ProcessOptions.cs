namespace Multiprocessing;

/// <summary>How a child process is started. Pass it to a descriptor's <c>With(...)</c>.</summary>
public sealed record ProcessOptions
{
    /// <summary>The child's name, as Python's <c>Process(name=...)</c>; by default <c>Process-N</c>.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// A daemon child is not waited for when the parent's main program ends (Python's <c>daemon=True</c>); it stops
    /// with the parent. A non-daemon child is joined before the parent exits, as in Python.
    /// </summary>
    public bool Daemon { get; init; }

    /// <summary>
    /// Capture the child's standard output in <see cref="ChildProcess.StandardOutput"/> instead of writing it to the
    /// parent's console (the default, as in Python). Read it while the child runs: a child whose output nobody reads
    /// stops when the pipe is full (64 KiB on Linux), as with <see cref="System.Diagnostics.Process"/>, and so does the
    /// parent that waits for it.
    /// </summary>
    public bool RedirectStandardOutput { get; init; }

    /// <summary>Capture the child's standard error in <see cref="ChildProcess.StandardError"/>; read it as standard output.</summary>
    public bool RedirectStandardError { get; init; }
}
