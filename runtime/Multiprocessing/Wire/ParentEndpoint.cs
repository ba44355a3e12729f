using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Multiprocessing.Wire;

/// <summary>
/// The parent's side of every child connection: one Unix-domain socket in a directory only this user can open.
/// Each spawn registers a random token; a child connects, proves the token, and gets its target and arguments.
/// </summary>
internal sealed class ParentEndpoint
{
    private static readonly Lazy<ParentEndpoint> s_instance = new(() => new ParentEndpoint());
    private readonly ConcurrentDictionary<string, (ChildProcess Child, ReadOnlyMemory<byte> Arguments)> _expected = new();
    private readonly Socket _listener;
    private readonly string _directory;

    private ParentEndpoint()
    {
        _directory = CreatePrivateDirectory();
        SocketPath = Path.Combine(_directory, "s");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(512);
        // Non-daemon children still need the listener to connect: join them first, then clean up.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            ChildProcess.JoinNonDaemonChildren();
            Close();
        };
        StartThread("Multiprocessing accept", AcceptLoop);
    }

    public static ParentEndpoint Instance => s_instance.Value;

    public string SocketPath { get; }

    /// <summary>Registers a child about to start; returns the token it must present.</summary>
    public string Expect(ChildProcess child, ReadOnlyMemory<byte> arguments)
    {
        string token = Convert.ToHexString(RandomNumberGenerator.GetBytes(TokenLength));
        _expected[token] = (child, arguments);
        return token;
    }

    /// <summary>Stops expecting a token; <see langword="true"/> if it was still expected (no child presented it).</summary>
    public bool Forget(string token) => _expected.TryRemove(token, out _);

    internal const int TokenLength = 32;

    /// <summary>
    /// Blocking I/O on dedicated threads: one accepts, one per connection serves it. Spawning a process costs far more
    /// than a thread, and a blocked reader wakes without the thread-pool hops an async read pays on every message.
    /// </summary>
    private void AcceptLoop()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = _listener.Accept();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return; // closed at exit
            }

            StartThread($"Multiprocessing connection {socket.Handle}", () => Serve(socket));
        }
    }

    private void Serve(Socket socket)
    {
        var connection = new FrameConnection(socket);
        Frame? hello;
        try
        {
            socket.ReceiveTimeout = (int)HelloTimeout.TotalMilliseconds; // a stranger may connect and say nothing
            hello = connection.Receive();
            socket.ReceiveTimeout = 0;
        }
        catch (Exception)
        {
            connection.Dispose();
            return;
        }

        if (hello is not { Kind: FrameKind.Hello } || !TryReadHello(hello.Payload, out string token, out int pid, out Guid buildId) ||
            !_expected.TryRemove(token, out var expected))
        {
            SendRefusal(connection, "Refused: this connection did not present a spawn token the parent issued.");
            connection.Dispose();
            return;
        }

        var child = expected.Child;
        child.Started.Wait(); // the child can connect before Process.Start has returned its pid
        string? problem =
            pid != child.Pid ? $"the connecting process (pid {pid}) is not the child the parent started (pid {child.Pid})" :
            buildId != BuildIdentity.Expected ? $"the child runs a different build of the program (build {buildId}, parent build {BuildIdentity.Expected}); the executable was probably rebuilt or replaced while the parent ran: restart the parent" :
            null;
        if (problem is not null)
        {
            SendRefusal(connection, $"Refused to run process target {child.TargetName} in child {child.Name}: {problem}.");
            connection.Dispose();
            child.Refuse($"Process target {child.TargetName} was not run in child {child.Name} (pid {child.Pid}): {problem}.");
            return;
        }

        child.Serve(connection, expected.Arguments);
    }

    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(30);

    private static void StartThread(string name, Action body) =>
        new Thread(() => body()) { IsBackground = true, Name = name }.Start();

    private static bool TryReadHello(byte[] payload, out string token, out int pid, out Guid buildId)
    {
        token = "";
        pid = 0;
        buildId = Guid.Empty;
        try
        {
            var reader = new PayloadReader(payload);
            token = Convert.ToHexString(reader.Bytes());
            pid = reader.Int32();
            buildId = new Guid(reader.Bytes());
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            return false;
        }
    }

    private static void SendRefusal(FrameConnection connection, string message)
    {
        try
        {
            connection.Send(FrameKind.Refuse, new PayloadWriter().String(message).WrittenSpan);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // nobody to tell
        }
    }

    private void Close()
    {
        _listener.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// A parent killed outright (SIGKILL, OOM) cannot remove its socket directory: the next parent removes those whose
    /// process is gone (Linux, where /proc tells).
    /// </summary>
    private static void RemoveStaleDirectories(string root)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        foreach (string directory in Directory.EnumerateDirectories(root, "mp-*-*"))
        {
            string[] parts = Path.GetFileName(directory).Split('-');
            if (parts.Length == 3 && int.TryParse(parts[1], out int pid) && !Directory.Exists($"/proc/{pid}"))
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // another user's, or being removed already: not ours to clean
                }
            }
        }
    }

    private static string CreatePrivateDirectory()
    {
        // Unix socket paths are limited to ~107 bytes: fall back to /tmp when TMPDIR is deep.
        string root = Path.GetTempPath();
        if (root.Length > 60 && !OperatingSystem.IsWindows())
        {
            root = "/tmp";
        }

        RemoveStaleDirectories(root);
        string path = Path.Combine(root, $"mp-{Environment.ProcessId}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant()}");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
