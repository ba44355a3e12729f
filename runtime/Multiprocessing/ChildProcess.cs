using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Multiprocessing.Serialization;
using Multiprocessing.Wire;

namespace Multiprocessing;

/// <summary>
/// A child process running a process target: Python's <c>multiprocessing.Process</c>. <c>await</c> it for the
/// target's outcome (an exception if it failed), or <see cref="JoinAsync"/> it to wait for the process to end.
/// Disposing a child that is still running kills it.
/// </summary>
public class ChildProcess : IDisposable, IAsyncDisposable
{
    private static readonly ConcurrentDictionary<ChildProcess, byte> s_running = new();
    private static int s_counter;

    private readonly ProcessTarget _target;
    private readonly ProcessOptions? _options;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Channels.IHandedOff[]? _handedOff;   // channel ends passed in this child's arguments
    private readonly TaskCompletionSource _connectionClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;
    private FrameConnection? _connection;
    private Frame? _report;
    private string? _refusal;
    private int _exitCode;
    private int? _exitStatus;   // read by the connection thread: an exit code, or minus the signal
    private int? _announcedExitCode;   // what the child said it exits with, when its target's code exited the process
    private volatile bool _hasExited;
    private volatile bool _cancellationRequested;
    private int _cancellationSent;
    private int _finishing;
    private string? _token;   // the spawn token the child presents; set by Launch
    private CancellationTokenRegistration _cancellation;
    private CancellationToken _cancellationToken;

    internal ChildProcess(ProcessTarget target, ProcessOptions? options)
    {
        _target = target;
        _options = options;
        Name = options?.Name ?? $"Process-{Interlocked.Increment(ref s_counter)}";
    }

    /// <summary>The child's name: <see cref="ProcessOptions.Name"/>, or <c>Process-N</c> as in Python.</summary>
    public string Name { get; }

    /// <summary>The target the child runs, as <c>Type.Method</c>.</summary>
    public string TargetName => _target.Name;

    /// <summary>The child's process id.</summary>
    public int Pid { get; private set; }

    /// <summary>Whether the child process is still running.</summary>
    public bool IsAlive => !_hasExited;

    /// <summary>
    /// The exit code once the child has ended, <see langword="null"/> while it runs. 0 when the target returned, 1 when
    /// it threw, a negative number when a signal ended the child (-9: SIGKILL, -15: SIGTERM), as in Python.
    /// </summary>
    public int? ExitCode => _hasExited ? _exitCode : null;

    /// <summary>The child's standard output, when <see cref="ProcessOptions.RedirectStandardOutput"/> is set.</summary>
    public StreamReader StandardOutput => _options?.RedirectStandardOutput == true
        ? _process!.StandardOutput
        : throw new InvalidOperationException($"The standard output of {Name} is not redirected: start it with ProcessOptions.RedirectStandardOutput = true.");

    /// <summary>The child's standard error, when <see cref="ProcessOptions.RedirectStandardError"/> is set.</summary>
    public StreamReader StandardError => _options?.RedirectStandardError == true
        ? _process!.StandardError
        : throw new InvalidOperationException($"The standard error of {Name} is not redirected: start it with ProcessOptions.RedirectStandardError = true.");

    /// <summary>Completes when the child has ended and its outcome is known; faults when the target did not complete.</summary>
    private protected Task Completion => _completion.Task;

    /// <summary>Waits for the target's outcome: completes when it returned, throws a <see cref="ChildProcessException"/> otherwise.</summary>
    public TaskAwaiter GetAwaiter() => Completion.GetAwaiter();

    /// <summary>Blocks until the child process has ended (Python's <c>join()</c>). Does not throw for a failed target.</summary>
    public void Join() => _exited.Task.Wait();

    /// <summary>Blocks until the child process has ended or <paramref name="timeout"/> has passed.</summary>
    /// <returns><see langword="true"/> when the child has ended.</returns>
    public bool Join(TimeSpan timeout) => _exited.Task.Wait(timeout);

    /// <summary>Waits until the child process has ended. Does not throw for a failed target: look at <see cref="ExitCode"/>, or <c>await</c> the child itself.</summary>
    public Task JoinAsync(CancellationToken cancellationToken = default) => _exited.Task.WaitAsync(cancellationToken);

    /// <summary>Asks the child to stop (SIGTERM on Unix, as Python's <c>terminate()</c>); it may clean up first.</summary>
    public void Terminate()
    {
        if (_hasExited || _process is null)
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Kill();
        }
        else
        {
            _ = NativeMethods.kill(Pid, NativeMethods.SIGTERM);
        }
    }

    /// <summary>Kills the child at once (SIGKILL on Unix, as Python's <c>kill()</c>).</summary>
    public void Kill()
    {
        if (_hasExited || _process is null)
        {
            return;
        }

        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // it ended meanwhile
        }
    }

    /// <summary>Kills the child if it still runs, waits for it to end and releases its resources.</summary>
    public void Dispose()
    {
        Kill();
        if (_process is not null)
        {
            Join();
            _process.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Kills the child if it still runs, waits for it to end and releases its resources.</summary>
    public async ValueTask DisposeAsync()
    {
        Kill();
        if (_process is not null)
        {
            await JoinAsync().ConfigureAwait(false);
            _process.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    public override string ToString() => $"<ChildProcess {Name} pid={Pid} target={TargetName} {(IsAlive ? "alive" : $"exitcode={_exitCode}")}>";

    /// <summary>Turns the child's result bytes into the typed result; the base class has none.</summary>
    private protected virtual void SetResult(ReadOnlySpan<byte> result) => _completion.TrySetResult();

    /// <summary>Whether the target has a result to report (a <see cref="ChildProcess{TResult}"/>).</summary>
    private protected virtual bool HasResult => false;

    /// <summary>Fails the outcome. Marked observed: the child already printed the error, as Python's children do.</summary>
    private protected virtual void SetFailure(Exception exception)
    {
        _completion.TrySetException(exception);
        _ = _completion.Task.Exception;
    }

    internal void Launch(ReadOnlyMemory<byte> arguments, CancellationToken cancellationToken)
    {
        _handedOff = Channels.Handoffs.Take();
        ProcessEntry.ThrowIfUnguardedChild(_target.Name);
        cancellationToken.ThrowIfCancellationRequested(); // as .NET methods do: nothing starts
        if (arguments.Length > FrameConnection.MaxCallLength)
        {
            throw StartFailure($"its arguments serialize to {arguments.Length:N0} bytes, more than the {FrameConnection.MaxCallLength:N0} a call may carry; pass large data in shared memory (SharedArray<T>) or a file", null);
        }

        ParentEndpoint endpoint;
        try
        {
            endpoint = ParentEndpoint.Instance;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            throw StartFailure($"the socket children connect to could not be created ({e.Message}); check that the temporary directory (TMPDIR) is writable", e);
        }

        _token = endpoint.Expect(this, arguments);
        var startInfo = new ProcessStartInfo(Environment.ProcessPath ?? throw StartFailure("the path of this program is unknown", null))
        {
            UseShellExecute = false,
            RedirectStandardOutput = _options?.RedirectStandardOutput == true,
            RedirectStandardError = _options?.RedirectStandardError == true,
            RedirectStandardInput = true, // closed at once: a child reads an empty input, as Python's do, not the parent's
        };
        if (Path.GetFileNameWithoutExtension(startInfo.FileName) == "dotnet" && ProcessEntry.EntryAssemblyPath is { Length: > 0 } dll)
        {
            startInfo.ArgumentList.Add(dll); // started as `dotnet app.dll`: the child must be too
        }

        startInfo.ArgumentList.Add(ProcessEntry.ChildArgument);
        startInfo.Environment[ProcessEntry.ChildMarkerVariable] = $"{_token}:{endpoint.SocketPath}";
        if (this is Pool.PoolWorker)
        {
            startInfo.Environment.Remove(ProcessEntry.TargetVariable); // this process may be a child: its own stays set
        }
        else
        {
            startInfo.Environment[ProcessEntry.TargetVariable] = _target.Id;
        }

        startInfo.Environment[ProcessEntry.DepthVariable] = (ProcessEntry.Depth + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.Exited += (_, _) => _ = FinishAsync(process.ExitCode);
        try
        {
            process.Start();
        }
        catch (Exception e)
        {
            endpoint.Forget(_token);
            process.Dispose();
            throw StartFailure($"starting '{startInfo.FileName}' failed: {e.Message}", e);
        }

        process.StandardInput.Close();
        _process = process;
        Pid = process.Id;
        s_running.TryAdd(this, 0);
        _started.TrySetResult();
        if (cancellationToken.CanBeCanceled)
        {
            _cancellationToken = cancellationToken;
            _cancellation = cancellationToken.Register(static state => ((ChildProcess)state!).RequestCancellation(), this);
        }
    }

    /// <summary>The target's cancellation token in the child is cancelled as soon as the child is connected.</summary>
    private void RequestCancellation()
    {
        _cancellationRequested = true;
        SendCancellationIfRequested();
    }

    private void SendCancellationIfRequested()
    {
        if (_cancellationRequested && _connection is { } connection && Interlocked.Exchange(ref _cancellationSent, 1) == 0)
        {
            try
            {
                connection.Send(FrameKind.Cancel, new PayloadWriter().Int64(0).WrittenSpan);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // it ended meanwhile
            }
        }
    }

    internal Task Started => _started.Task;

    internal string TargetId => _target.Id;

    /// <summary>The parent accepted the child's connection: tell it what to run, then read its frames until the connection closes.</summary>
    internal void Serve(FrameConnection connection, ReadOnlyMemory<byte> arguments)
    {
        _connection = connection;
        try
        {
            SendFirstFrame(connection, arguments);
            SendCancellationIfRequested();
            while (connection.Receive() is { } frame)
            {
                OnFrame(frame.Kind, frame.Payload);
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ObjectDisposedException)
        {
            // the child died mid-frame; its exit code tells what happened
        }
        finally
        {
            connection.Dispose();
            // The connection closes as the child exits: read its exit status now rather than wait for Process.Exited,
            // which comes ~0.6 ms later (SIGCHLD handling, then a thread-pool hop) and would add that to every spawn.
            // It also tells exit(137) from SIGKILL, which Process.ExitCode does not. Read before the connection counts
            // as closed: FinishAsync, whoever runs it, waits for that.
            if (NativeMethods.TryWaitForExit(Pid, out int status))
            {
                _exitStatus = status;
            }

            _connectionClosed.TrySetResult();
        }

        if (_exitStatus is not null)
        {
            _ = FinishAsync(null);
        }
    }

    /// <summary>The connection to the child, once it has connected.</summary>
    private protected FrameConnection? Connection => _connection;

    /// <summary>What the child is asked to do: run the target once.</summary>
    private protected virtual void SendFirstFrame(FrameConnection connection, ReadOnlyMemory<byte> arguments) =>
        connection.Send(FrameKind.Run, new PayloadWriter().String(TargetId).String(Name).Bytes(arguments.Span).WrittenSpan);

    /// <summary>A frame from the child: its final report, for a single target.</summary>
    private protected virtual void OnFrame(FrameKind kind, byte[] payload)
    {
        if (kind is FrameKind.Result or FrameKind.Error)
        {
            _report = new Frame(kind, payload);
        }
        else if (kind is FrameKind.Exiting)
        {
            _announcedExitCode = new PayloadReader(payload).Int32();
        }
    }

    /// <summary>Records the child's final report (a pool worker reports a failed initializer this way).</summary>
    private protected void SetReport(FrameKind kind, byte[] payload) => _report = new Frame(kind, payload);

    /// <summary>Why nothing ran in this child, when the parent refused it (another build).</summary>
    internal string? Refusal => _refusal;

    /// <summary>The parent refused to run anything in this child (it is from another build).</summary>
    internal void Refuse(string reason)
    {
        _refusal = reason;
        _connectionClosed.TrySetResult();
    }

    /// <summary>
    /// The child has ended. Runs once, whichever saw the end first: the connection thread, or <see cref="Process.Exited"/>
    /// with <see cref="Process.ExitCode"/> in <paramref name="dotnetExitCode"/> (128 + N for death by signal N).
    /// </summary>
    private async Task FinishAsync(int? dotnetExitCode)
    {
        if (Interlocked.Exchange(ref _finishing, 1) != 0)
        {
            return;
        }

        await _started.Task.ConfigureAwait(false);
        // Still expected means the parent never matched its connection, so it never ran anything nor reported: done.
        // Otherwise its connection thread holds the report and ends when the connection does.
        if (ParentEndpoint.Instance.Forget(_token!))
        {
            _connectionClosed.TrySetResult();
        }

        await _connectionClosed.Task.ConfigureAwait(false);
        await BeforeExitReportedAsync().ConfigureAwait(false);
        // The status the connection thread read is exact. Without it (the child never connected, or Process reaped it
        // first), .NET's 128 + N is read as signal N, unless the child said it exits with that code.
        _exitCode = _exitStatus ?? dotnetExitCode switch
        {
            null => -1,
            int code when (_announcedExitCode & 0xFF) == code => code,
            > 128 and <= 128 + 64 and int code => -(code - 128),
            int code => code,
        };

        // A child that ended by itself removed the shared memory it created as it exited; one killed by a signal (or that
        // never reported) may not have: its files go now, before anyone sees it ended.
        if (_report is null || _exitCode < 0)
        {
            Shared.SharedMemoryFile.RemoveFilesOf(Pid);
        }

        foreach (var end in _handedOff ?? [])
        {
            end.AbandonedBy(Pid);
        }

        _hasExited = true;
        s_running.TryRemove(this, out _);
        _cancellation.Dispose();
        try
        {
            Complete();
        }
        catch (Exception e)
        {
            SetFailure(new ChildProcessException(
                $"The report of process target {TargetName} (child {Name}, pid {Pid}) could not be read: {e.Message}", TargetName, Name, Pid, e));
        }

        OnExited();
        _exited.TrySetResult();
    }

    /// <summary>
    /// The child has ended and its connection is closed, but nobody has been told yet: what it sent by other ways than
    /// the connection (a pool worker's results in shared memory) is taken in now, before its exit is reported.
    /// </summary>
    private protected virtual Task BeforeExitReportedAsync() => Task.CompletedTask;

    /// <summary>The child has ended and <see cref="ExitCode"/> is set.</summary>
    private protected virtual void OnExited()
    {
    }

    private void Complete()
    {
        if (_refusal is not null)
        {
            SetFailure(new ChildProcessStartException(_refusal, TargetName, Name, Pid));
        }
        else if (_report is { Kind: FrameKind.Result } result)
        {
            SetResult(result.Payload);
        }
        else if (_report is { Kind: FrameKind.Error } error)
        {
            var reader = new PayloadReader(error.Payload);
            var failure = new ProcessTargetException(TargetName, Name, Pid, reader.String(), reader.String(), reader.String());
            // the target gave up because the caller's token was cancelled: the caller sees a cancellation, as in-process
            SetFailure(_cancellationRequested && failure.RemoteType is "System.OperationCanceledException" or "System.Threading.Tasks.TaskCanceledException"
                ? new OperationCanceledException($"Process target {TargetName} in child {Name} (pid {Pid}) was cancelled.", failure, _cancellationToken)
                : failure);
        }
        else if (_exitCode == 0 && _announcedExitCode == 0 && !HasResult)
        {
            // the target's own code ended the process with success, as sys.exit(0) in a Python target: nothing was lost
            SetResult(default);
        }
        else
        {
            SetFailure(new ChildProcessCrashedException(TargetName, Name, Pid, _exitCode));
        }
    }

    private ChildProcessStartException StartFailure(string why, Exception? inner) =>
        new($"Could not start child {Name} for process target {TargetName}: {why}.", TargetName, Name, 0, inner);

    /// <summary>
    /// As Python does, the parent waits for its non-daemon children when its main program ends; not when it exits because
    /// its own parent is gone: it exits at once, and its children, seeing it go, do too.
    /// </summary>
    internal static void JoinNonDaemonChildren()
    {
        if (ProcessEntry.ParentGone)
        {
            return;
        }

        foreach (var child in s_running.Keys)
        {
            if (child._options?.Daemon != true)
            {
                child.Join();
            }
        }
    }
}

/// <summary>A child process running a process target that returns a <typeparamref name="TResult"/>; <c>await</c> it for the result.</summary>
/// <typeparam name="TResult">The target's result type (for an async target, what its task yields).</typeparam>
public sealed class ChildProcess<TResult> : ChildProcess
{
    private readonly TaskCompletionSource<TResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal ChildProcess(ProcessTarget target, ProcessOptions? options)
        : base(target, options)
    {
    }

    /// <summary>Waits for the target's result; throws a <see cref="ChildProcessException"/> when it did not return one.</summary>
    public new TaskAwaiter<TResult> GetAwaiter() => _result.Task.GetAwaiter();

    private protected override bool HasResult => true;

    private protected override void SetResult(ReadOnlySpan<byte> result)
    {
        var value = new ArgumentReader(result).Read<TResult>();
        base.SetResult(result);
        _result.TrySetResult(value);
    }

    private protected override void SetFailure(Exception exception)
    {
        base.SetFailure(exception);
        _result.TrySetException(exception);
    }
}

internal static unsafe partial class NativeMethods
{
    public const int SIGTERM = 15;

    private const int P_PID = 1, WEXITED = 4, WNOWAIT = 0x01000000, EINTR = 4;
    private const int CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int kill(int pid, int signal);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int waitid(int idType, int id, byte* info, int options);

    /// <summary>
    /// Waits until child <paramref name="pid"/> has exited and reads its status without reaping it (Linux): the zombie
    /// stays for <see cref="Process"/>, which reaps it. <paramref name="exitStatus"/> is the exit code, or minus the
    /// signal that killed it. False when the status could not be read (another OS, or the child was reaped already):
    /// <see cref="Process.Exited"/> tells then.
    /// </summary>
    public static bool TryWaitForExit(int pid, out int exitStatus)
    {
        exitStatus = 0;
        if (!OperatingSystem.IsLinux() || pid <= 0)
        {
            return false;
        }

        // siginfo_t (128 bytes): si_signo, si_errno, si_code, then (8-byte aligned) si_pid, si_uid, si_status
        byte* info = stackalloc byte[128];
        new Span<byte>(info, 128).Clear();
        int result;
        do
        {
            result = waitid(P_PID, pid, info, WEXITED | WNOWAIT);
        }
        while (result < 0 && Marshal.GetLastPInvokeError() == EINTR);

        int code = *(int*)(info + 8), status = *(int*)(info + 24);
        if (result < 0 || *(int*)(info + 16) != pid)
        {
            return false;
        }

        switch (code)
        {
            case CLD_EXITED:
                exitStatus = status;
                return true;
            case CLD_KILLED or CLD_DUMPED:
                exitStatus = -status;
                return true;
            default:
                return false;
        }
    }
}
