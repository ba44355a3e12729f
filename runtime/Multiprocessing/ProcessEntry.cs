using System.ComponentModel;
using System.Reflection;
using System.Runtime.InteropServices;
using Multiprocessing.Serialization;
using Multiprocessing.Wire;

namespace Multiprocessing;

/// <summary>The guarded entry: the C# counterpart of Python's <c>if __name__ == '__main__':</c>.</summary>
public static class ProcessEntry
{
    /// <summary>The environment variable that tells a re-executed program it is a child, and where its parent is.</summary>
    internal const string ChildMarkerVariable = "MULTIPROCESSING_CHILD";

    /// <summary>
    /// The last argument of a child's command line (Python's children carry <c>--multiprocessing-fork</c>). The marker
    /// alone does not make a child: it stays in the child's environment, so programs the child's own code starts inherit
    /// it. Removing it costs a JIT-compiled child ~1 ms: .NET's first change to the environment copies and decodes every
    /// variable.
    /// </summary>
    internal const string ChildArgument = "--multiprocessing-child";

    /// <summary>The id of the target a child runs once (not set for pool workers): it can look the target up early.</summary>
    internal const string TargetVariable = "MULTIPROCESSING_TARGET";

    /// <summary>How many parents this process has: 0 for the main program (nested pools are bounded by it).</summary>
    internal const string DepthVariable = "MULTIPROCESSING_DEPTH";

    /// <summary>Exit code of a child whose parent went away or refused it before its target ran.</summary>
    internal const int ParentGoneExitCode = 70;

    private static Func<string, ProcessTarget?>[] s_tables = [];
    private static Action[] s_pendingFormatters = [];
    private static string? s_parentSocketPath; // its directory names the parent's pid; parsed only if the parent dies
    private static readonly CancellationTokenSource s_cancellation = new();

    /// <summary>How many ancestors started by process targets this process has (0 in the main program).</summary>
    internal static int Depth { get; } = ParseDigits(Environment.GetEnvironmentVariable(DepthVariable));

    /// <summary>Whether this process is a child started for a process target.</summary>
    public static bool IsChild { get; private set; }

    /// <summary>This process's name: <c>MainProcess</c> in the parent, the child's name in a child (Python's <c>current_process().name</c>).</summary>
    public static string CurrentName { get; internal set; } = "MainProcess";

    /// <summary>
    /// Must be the first statement of the program's entry point. In the parent it returns at once; in a child
    /// started by a process target it runs the requested target, reports its result to the parent and exits the
    /// process, so the rest of the entry point never runs in a child.
    /// </summary>
    public static void Guard()
    {
        string? marker = Environment.GetEnvironmentVariable(ChildMarkerVariable);
        if (marker is null || !IsChildCommandLine(Environment.GetCommandLineArgs()))
        {
            return;
        }

        IsChild = true;
        Environment.Exit(RunChild(marker, Environment.GetEnvironmentVariable(TargetVariable)));
    }

    private static bool IsChildCommandLine(string[] commandLine) => commandLine is [.., ChildArgument];

    /// <summary>Registers a generated table of process targets. Called by generated module initializers.</summary>
    /// <param name="lookup">Finds a descriptor by target id.</param>
    /// <param name="registerFormatters">
    /// Registers the serializer formatters the table's targets need; run once, before the first descriptor is created
    /// (not when the assembly loads: a program that starts no child never pays for it).
    /// </param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void RegisterTargets(Func<string, ProcessTarget?> lookup, Action? registerFormatters = null)
    {
        lock (typeof(ProcessEntry))
        {
            s_tables = [.. s_tables, lookup];
            if (registerFormatters is not null)
            {
                Volatile.Write(ref s_pendingFormatters, [.. s_pendingFormatters, registerFormatters]);
            }
        }
    }

    /// <summary>Runs the formatter registrations of tables registered since the last call. Called by every descriptor's constructor.</summary>
    internal static void RegisterPendingFormatters()
    {
        if (Volatile.Read(ref s_pendingFormatters).Length == 0)
        {
            return;
        }

        // under the lock, so that a second thread does not serialize before the first one finished registering
        lock (typeof(ProcessEntry))
        {
            foreach (var register in s_pendingFormatters)
            {
                register();
            }

            s_pendingFormatters = [];
        }
    }

    /// <summary>The program's main assembly as the host was given it (for `dotnet app.dll`).</summary>
    internal static string? EntryAssemblyPath => Environment.GetCommandLineArgs() is [{ } first, ..] && first.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? first : null;

    /// <summary>
    /// A child whose entry point skipped <see cref="Guard"/> re-runs the parent's main code: stop it before it
    /// starts children of its own (the spawn bomb Python's missing guard causes).
    /// </summary>
    internal static void ThrowIfUnguardedChild(string targetName) => ThrowIfUnguardedChild(targetName, Environment.GetCommandLineArgs());

    /// <inheritdoc cref="ThrowIfUnguardedChild(string)"/>
    internal static void ThrowIfUnguardedChild(string targetName, string[] commandLine)
    {
        if (!IsChild && Environment.GetEnvironmentVariable(ChildMarkerVariable) is not null && IsChildCommandLine(commandLine))
        {
            throw new InvalidOperationException(
                $"This process was started as a child process, but its entry point did not call ProcessEntry.Guard() first, " +
                $"so it ran the parent's main code again and tried to start process target {targetName}. " +
                "Add `ProcessEntry.Guard();` as the first statement of the program's entry point (analyzer rule MP0006).");
        }
    }

    // A child parses its marker by hand: int.TryParse reads the current culture (loading ICU, ~3 ms in every child),
    // and Convert.FromHexString's vectorised decoder costs a JIT-compiled child ~2 ms on first use.
    internal static int ParseDigits(string? text)
    {
        int value = 0;
        foreach (char c in text ?? "")
        {
            if (c is < '0' or > '9' || value > 100_000)
            {
                return 0;
            }

            value = (value * 10) + (c - '0');
        }

        return value;
    }

    /// <summary>The hexadecimal token that starts the marker (up to <paramref name="length"/>), decoded.</summary>
    private static byte[] DecodeHex(string marker, int length)
    {
        if (length % 2 != 0)
        {
            throw new FormatException("The spawn token is not hexadecimal.");
        }

        byte[] bytes = new byte[length / 2];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((Nibble(marker[2 * i]) << 4) | Nibble(marker[(2 * i) + 1]));
        }

        return bytes;

        static int Nibble(char c) => c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'A' and <= 'F' => c - 'A' + 10,
            >= 'a' and <= 'f' => c - 'a' + 10,
            _ => throw new FormatException("The spawn token is not hexadecimal."),
        };
    }

    private static int RunChild(string marker, string? expectedTargetId)
    {
        // By hand, as ParseDigits: string.IndexOf's vectorised search costs a JIT-compiled child ~1 ms on first use.
        int colon = 0;
        while (colon < marker.Length && marker[colon] != ':')
        {
            colon++;
        }

        if (colon == 0 || colon == marker.Length)
        {
            Console.Error.WriteLine($"Multiprocessing: malformed {ChildMarkerVariable} value; this process was not started by a process target.");
            return ParentGoneExitCode;
        }

        FrameConnection connection;
        Frame? run;
        ProcessTarget? expected;
        try
        {
            s_parentSocketPath = marker[(colon + 1)..];
            connection = FrameConnection.Connect(s_parentSocketPath);
            var hello = new PayloadWriter()
                .Bytes(DecodeHex(marker, colon))
                .Int32(Environment.ProcessId)
                .Bytes(BuildIdentity.Current.ToByteArray());
            connection.Send(FrameKind.Hello, hello.WrittenSpan);
            // While the parent checks the hello and answers, find the target: its lookup and first calls overlap the round trip.
            expected = FindTargetEarly(expectedTargetId);
            run = connection.Receive();
        }
        catch (Exception e) when (e is IOException or FormatException or InvalidDataException)
        {
            // A daemon child whose parent ended before it connected has nothing to say (Python ends its daemons silently).
            if (!(OperatingSystem.IsLinux() && ParentPid(s_parentSocketPath) is > 0 and int parent && IsExiting(parent)))
            {
                Console.Error.WriteLine($"Multiprocessing: child {Environment.ProcessId} could not reach its parent ({e.Message}); exiting.");
            }

            return ParentGoneExitCode;
        }

        if (run is { Kind: FrameKind.Work } work)
        {
            return Pool.WorkerLoop.Run(connection, work.Payload);
        }

        if (run is not { Kind: FrameKind.Run } frame)
        {
            string reason = run is { Kind: FrameKind.Refuse } refusal ? new PayloadReader(refusal.Payload).String() : "the parent closed the connection";
            Console.Error.WriteLine($"Multiprocessing: child {Environment.ProcessId} exits without running anything: {reason}");
            return ParentGoneExitCode;
        }

        var reader = new PayloadReader(frame.Payload);
        string targetId = reader.String();
        CurrentName = reader.String();
        var arguments = reader.Bytes().ToArray();
        WatchParent(connection);
        AnnounceEarlyExit(connection);
        return RunTarget(connection, targetId, arguments, targetId == expectedTargetId ? expected : null);
    }

    /// <summary>The target the environment names, or <see langword="null"/>; a failure is reported when the target runs.</summary>
    private static ProcessTarget? FindTargetEarly(string? targetId)
    {
        try
        {
            return targetId is null ? null : FindTarget(targetId);
        }
        catch (Exception)
        {
            return null; // RunTarget looks it up again and reports the failure to the parent
        }
    }

    private static int RunTarget(FrameConnection connection, string targetId, byte[] arguments, ProcessTarget? found)
    {
        var result = new ArgumentWriter();
        ProcessTarget? target = found;
        try
        {
            target ??= FindTarget(targetId) ?? throw new InvalidOperationException(
                $"Process target '{targetId}' is not registered in this program. Is the assembly that declares it referenced by the executable, and was it built with the Multiprocessing generator?");
            var reader = new ArgumentReader(arguments);
            var pending = target.Run(ref reader, result, s_cancellation.Token);
            if (!pending.IsCompletedSuccessfully)
            {
                pending.AsTask().GetAwaiter().GetResult();
            }

            if (result.WrittenMemory.Length > FrameConnection.MaxCallLength)
            {
                throw new InvalidOperationException(
                    $"The result serializes to {result.WrittenMemory.Length:N0} bytes, more than the {FrameConnection.MaxCallLength:N0} a call may carry; " +
                    "return large data in shared memory (SharedArray<T>) or a file.");
            }
        }
        catch (Exception e)
        {
            Channels.AttachedChannels.CloseAll();
            var (type, message, text) = Describe(e);
            // As Python does, the child prints its traceback; the parent gets it too.
            Console.Error.WriteLine($"Process {CurrentName} (pid {Environment.ProcessId}), target {target?.Name ?? targetId}:{Environment.NewLine}{text}");
            var error = new PayloadWriter().String(type).String(message).String(text);
            return Report(connection, FrameKind.Error, error.WrittenSpan, exitCode: 1);
        }

        // The target is done with the channel ends it received: their peers see the end of the stream.
        Channels.AttachedChannels.CloseAll();
        return Report(connection, FrameKind.Result, result.WrittenMemory.Span, exitCode: 0);
    }

    /// <summary>
    /// A target's exception as the parent gets it: type name, message and full text, even when reading them throws or
    /// gives null (an exception type's own bug must not turn the report into a crash of the child).
    /// </summary>
    internal static (string Type, string Message, string Text) Describe(Exception e)
    {
        string type = e.GetType().FullName ?? e.GetType().Name;
        string message = Read(() => e.Message) ?? "";
        string text = Read(e.ToString) ?? $"{type}: {message}{Environment.NewLine}   (its ToString() threw; stack trace: {Read(() => e.StackTrace) ?? "unavailable"})";
        return (type, message, text);

        static string? Read(Func<string?> read)
        {
            try
            {
                return read();
            }
            catch (Exception)
            {
                return null;
            }
        }
    }

    /// <summary>If the target's code exits the process before reporting, the parent is told with what code.</summary>
    private static void AnnounceEarlyExit(FrameConnection connection) =>
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (Volatile.Read(ref s_reported) == 0)
            {
                try
                {
                    connection.Send(FrameKind.Exiting, new PayloadWriter().Int32(Environment.ExitCode).WrittenSpan);
                }
                catch (Exception)
                {
                    // best effort, at exit: the parent may be gone
                }
            }
        };

    private static int s_reported;

    private static int Report(FrameConnection connection, FrameKind kind, ReadOnlySpan<byte> payload, int exitCode)
    {
        Volatile.Write(ref s_reported, 1);
        try
        {
            connection.Send(kind, payload);
            return exitCode;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return ParentGoneExitCode;
        }
    }

    internal static ProcessTarget? FindTarget(string targetId)
    {
        foreach (var lookup in s_tables)
        {
            if (lookup(targetId) is { } target)
            {
                return target;
            }
        }

        return null;
    }

    /// <summary>
    /// The connection to the parent closed: if the parent is gone (or exiting), removes the shared memory it created
    /// and could not remove itself (it was killed). A parent that is alive closed the connection on purpose (a pool
    /// retiring its worker): its files stay. Costs nothing until the connection closes.
    /// </summary>
    internal static void RemoveFilesOfGoneParent()
    {
        int parent = ParentPid(s_parentSocketPath);
        if (parent <= 0 || !OperatingSystem.IsLinux())
        {
            return;
        }

        // The connection closes while the parent exits, a moment before this process gets a new parent: the parent's
        // PF_EXITING flag is set before its sockets close, so there is no window to wait out.
        if (Shared.Linux.getppid() == parent && !IsExiting(parent))
        {
            return;
        }

        Shared.SharedMemoryFile.RemoveFilesOf(parent);
    }

    /// <summary>Whether a process is exiting or gone: <c>/proc/&lt;pid&gt;/stat</c> shows a zombie or the PF_EXITING flag, or is missing.</summary>
    private static bool IsExiting(int pid)
    {
        const ulong PF_EXITING = 0x4;
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }

        // after "pid (comm) ": state ppid pgrp session tty_nr tpgid flags ...
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (fields.Length < 7 || fields[0] is "Z" or "X" or "x")
        {
            return true;
        }

        ulong flags = 0;
        foreach (char c in fields[6])
        {
            flags = (flags * 10) + (ulong)(c - '0');
        }

        return (flags & PF_EXITING) != 0;
    }

    /// <summary>The parent's pid from its socket path, <c>…/mp-&lt;pid&gt;-&lt;hex&gt;/s</c> (see ParentEndpoint), or 0.</summary>
    private static int ParentPid(string? socketPath)
    {
        string? directory = Path.GetFileName(Path.GetDirectoryName(socketPath));
        if (directory is null || !directory.StartsWith("mp-", StringComparison.Ordinal))
        {
            return 0;
        }

        int pid = 0;
        foreach (char c in directory.AsSpan(3))
        {
            if (c == '-')
            {
                return pid;
            }

            if (c is < '0' or > '9' || pid > 100_000_000)
            {
                return 0;
            }

            pid = (pid * 10) + (c - '0');
        }

        return 0;
    }

    /// <summary>
    /// Children never outlive their parent: when the parent's end of the connection closes (it exited, crashed or
    /// was killed), the child exits at once, whatever its target is doing. The watching thread is a plain pthread on
    /// Linux: <see cref="Thread.Start()"/> waits until the new thread runs, ~0.5 ms of every child's start, while the
    /// pthread sets itself up on the other core as the target runs.
    /// </summary>
    private static unsafe void WatchParent(FrameConnection connection)
    {
        s_watchedConnection = connection;
        if (OperatingSystem.IsLinux())
        {
            try
            {
                nint thread;
                if (NativeThread.pthread_create(&thread, 0, &WatchParentOnNativeThread, 0) == 0)
                {
                    _ = NativeThread.pthread_detach(thread);
                    return;
                }
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                // a libc without pthread_create (old glibc keeps it in libpthread): a managed thread does the same
            }
        }

        new Thread(WatchParentLoop) { IsBackground = true, Name = WatcherName }.Start();
    }

    private const string WatcherName = "Multiprocessing parent watch";

    /// <summary>This process exits because its parent is gone: it does not wait for its own children (they see it go).</summary>
    internal static bool ParentGone { get; private set; }
    private static FrameConnection? s_watchedConnection;

    [UnmanagedCallersOnly]
    private static nint WatchParentOnNativeThread(nint argument)
    {
        var thread = Thread.CurrentThread;
        thread.IsBackground = true;
        thread.Name = WatcherName;
        WatchParentLoop();
        return 0;
    }

    private static void WatchParentLoop()
    {
        try
        {
            while (s_watchedConnection!.Receive() is { } frame)
            {
                if (frame.Kind == FrameKind.Cancel)
                {
                    s_cancellation.Cancel();
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ObjectDisposedException)
        {
        }

        ParentGone = true;
        try
        {
            RemoveFilesOfGoneParent();
        }
        finally
        {
            Environment.Exit(ParentGoneExitCode);
        }
    }
}

internal static unsafe partial class NativeThread
{
    [LibraryImport("libc")]
    public static partial int pthread_create(nint* thread, nint attributes, delegate* unmanaged<nint, nint> start, nint argument);

    [LibraryImport("libc")]
    public static partial int pthread_detach(nint thread);
}
