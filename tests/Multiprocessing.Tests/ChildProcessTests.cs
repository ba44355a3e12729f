using System.Diagnostics;
using System.Net.Sockets;
using Multiprocessing.Wire;

namespace Multiprocessing.Tests;

/// <summary>Real child processes of this test executable: every test is bounded in time.</summary>
[TestClass]
public sealed class ChildProcessTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [TestMethod]
    public async Task A_target_result_comes_back_and_the_child_exits_with_zero()
    {
        using var child = TestTargets.Targets.Square.Start(7);
        Assert.AreEqual(49, await child.Bounded());
        Assert.AreEqual(0, child.ExitCode);
        Assert.IsFalse(child.IsAlive);
        Assert.AreNotEqual(Environment.ProcessId, child.Pid);
        Assert.AreEqual("TestTargets.Square", child.TargetName);
    }

    [TestMethod]
    public async Task A_void_target_completes()
    {
        using var child = TestTargets.Targets.Nothing.Start();
        await child.Bounded();
        Assert.AreEqual(0, child.ExitCode);
    }

    [TestMethod]
    public async Task Primitives_round_trip()
    {
        var id = Guid.NewGuid();
        var when = new DateTime(2026, 11, 25, 21, 0, 0, DateTimeKind.Utc);
        using var child = TestTargets.Targets.Describe.Start(255, -3, long.MaxValue, 0.25, 1.5f, 12.34m, true, 'λ', null, id, when, TimeSpan.FromMinutes(90));
        Assert.AreEqual($"255|-3|{long.MaxValue}|0.25|1.5|12.34|True|λ|<null>|{id}|{when:O}|01:30:00", await child.Bounded());
    }

    [TestMethod]
    public async Task A_token_before_the_other_parameters_is_cancelled_across_the_boundary()
    {
        using var cancel = new CancellationTokenSource();
        using var child = TestTargets.Targets.WaitForCancellation.Start(cancel.Token, "first");
        cancel.Cancel();
        Assert.AreEqual("first cancelled", await child.Bounded());
    }

    [TestMethod]
    public async Task A_target_that_gives_up_on_its_cancelled_token_is_a_cancellation_for_the_caller()
    {
        using var cancel = new CancellationTokenSource();
        using var child = TestTargets.Targets.DelayUntilCancelled.With(new ProcessOptions { RedirectStandardError = true }).Start(cancel.Token);
        cancel.Cancel();
        var error = await Assert.ThrowsExactlyAsync<OperationCanceledException>(async () => await child.Bounded());
        Assert.AreEqual(cancel.Token, error.CancellationToken);
        Assert.IsInstanceOfType<ProcessTargetException>(error.InnerException, "the child's own exception stays inside");
    }

    [TestMethod]
    public async Task A_child_reads_an_empty_standard_input_not_the_parents()
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!, [Program.ChildReadsInput]) { RedirectStandardInput = true, RedirectStandardOutput = true };
        using var program = Process.Start(start)!;
        await program.StandardInput.WriteLineAsync("for the parent");
        program.StandardInput.Close();
        string output = await program.StandardOutput.ReadToEndAsync().WaitAsync(Bound);
        await program.WaitForExitAsync().WaitAsync(Bound);
        Assert.AreEqual("child read: <end of input>; parent read: for the parent", output.Trim());
    }

    [TestMethod]
    public async Task An_unusable_temporary_directory_is_a_start_failure_that_says_so()
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!, [Program.MuxerSelfTest]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["TMPDIR"] = "/proc/sys"; // exists, cannot hold the socket's directory
        using var program = Process.Start(start)!;
        var output = program.StandardOutput.ReadToEndAsync();
        string error = await program.StandardError.ReadToEndAsync().WaitAsync(Bound);
        await program.WaitForExitAsync().WaitAsync(Bound);
        await output;
        StringAssert.Contains(error, nameof(ChildProcessStartException));
        StringAssert.Contains(error, "TMPDIR");
        StringAssert.Contains(error, "TestTargets.Square");
    }

    [TestMethod]
    public void A_token_cancelled_before_start_starts_nothing()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsExactly<OperationCanceledException>(() => TestTargets.Targets.DelayUntilCancelled.Start(cancel.Token));
    }

    [TestMethod]
    public async Task Enums_arrays_lists_dictionaries_and_tuples_round_trip()
    {
        Assert.AreEqual(Color.Red, await TestTargets.Targets.NextColor.Start(Color.Blue).Bounded());
        CollectionAssert.AreEqual(new[] { 3, 2, 1 }, await TestTargets.Targets.Reverse.Start([1, 2, 3]).Bounded());
        CollectionAssert.AreEqual(new List<string> { "A", "BC" }, await TestTargets.Targets.Upper.Start(["a", "bc"]).Bounded());
        var counts = await TestTargets.Targets.CountLetters.Start(new Dictionary<string, string> { ["x"] = "abc", ["y"] = "" }).Bounded();
        Assert.AreEqual(3, counts["x"]);
        Assert.AreEqual(0, counts["y"]);
        var (sum, joined) = await TestTargets.Targets.SumAndJoin.Start((2, 3), Tuple.Create("ab", "cd")).Bounded();
        Assert.AreEqual(5, sum);
        Assert.AreEqual("abcd", joined);
    }

    [TestMethod]
    public async Task A_record_with_a_serializer_contract_round_trips()
    {
        var order = new Order("Ada", [1, 2], new Dictionary<string, decimal> { ["tea"] = 2.5m }, Color.Green);
        var repriced = await TestTargets.Targets.Reprice.Start(order, 2m).Bounded();
        Assert.AreEqual("Ada", repriced.Customer);
        CollectionAssert.AreEqual(new[] { 1, 2 }, repriced.Quantities);
        Assert.AreEqual(5m, repriced.Prices["tea"]);
        Assert.AreEqual(Color.Green, repriced.Color);
    }

    [TestMethod]
    public async Task Async_targets_run_to_completion_and_may_use_other_threads()
    {
        Assert.AreEqual("hi!", await TestTargets.Targets.EchoAsync.Start("hi").Bounded());
        Assert.AreEqual(5050, await TestTargets.Targets.ParallelSumAsync.Start(100).Bounded());
        using var delay = TestTargets.Targets.DelayAsync.Start(50);
        await delay.Bounded();
        Assert.AreEqual(0, delay.ExitCode);
    }

    [TestMethod]
    public async Task Default_parameter_values_are_those_of_the_target()
    {
        using var child = TestTargets.Targets.WithDefaults.With(new ProcessOptions { RedirectStandardOutput = true }).Start();
        string output = await child.StandardOutput.ReadToEndAsync().WaitAsync(Bound);
        await child.Bounded();
        Assert.AreEqual("3|x|Blue|-1.5|<null>", output.Trim());
    }

    [TestMethod]
    public async Task A_target_exception_reaches_the_parent_with_remote_type_message_stack_target_and_pid()
    {
        using var child = TestTargets.Targets.Fail.With(new ProcessOptions { Name = "failing", RedirectStandardError = true }).Start("boom");
        var error = await Assert.ThrowsExactlyAsync<ProcessTargetException>(async () => await child.Bounded());
        Assert.AreEqual("System.InvalidOperationException", error.RemoteType);
        Assert.AreEqual("boom", error.RemoteMessage);
        StringAssert.Contains(error.RemoteStackTrace, nameof(TestTargets.Fail));
        Assert.AreEqual("TestTargets.Fail", error.TargetName);
        Assert.AreEqual("failing", error.ProcessName);
        Assert.AreEqual(child.Pid, error.Pid);
        StringAssert.Contains(error.Message, $"pid {child.Pid}");
        StringAssert.Contains(error.ToString(), "Remote stack trace");
        Assert.AreEqual(1, child.ExitCode);
        // as in Python, the child printed its traceback too, naming the target as the parent does
        string traceback = await child.StandardError.ReadToEndAsync();
        StringAssert.Contains(traceback, "boom");
        StringAssert.Contains(traceback, $"pid {child.Pid}), target TestTargets.Fail:");
    }

    [TestMethod]
    public async Task A_child_that_exits_without_reporting_surfaces_its_exit_code()
    {
        using var child = TestTargets.Targets.ExitWith.Start(7);
        var error = await Assert.ThrowsExactlyAsync<ChildProcessCrashedException>(async () => await child.Bounded());
        Assert.AreEqual(7, error.ExitCode);
        Assert.IsNull(error.Signal);
        Assert.AreEqual(7, child.ExitCode);
        StringAssert.Contains(error.Message, "exited with code 7");
    }

    [TestMethod]
    public async Task A_target_without_a_result_that_exits_with_zero_has_completed()
    {
        // as sys.exit(0) in a Python target: the child said it exits with 0, so nothing was lost
        using var child = TestTargets.Targets.ExitWith.Start(0);
        await child.Bounded();
        Assert.AreEqual(0, child.ExitCode);
    }

    [TestMethod]
    public async Task An_exit_code_above_128_is_an_exit_code_not_a_signal()
    {
        // Process.ExitCode says 137 for exit(137) and for SIGKILL alike; the exit status the parent reads tells them apart (as Python does)
        using var child = TestTargets.Targets.ExitWith.Start(137);
        var error = await Assert.ThrowsExactlyAsync<ChildProcessCrashedException>(async () => await child.Bounded());
        Assert.AreEqual(137, error.ExitCode);
        Assert.IsNull(error.Signal);
        StringAssert.Contains(error.Message, "exited with code 137");
    }

    [TestMethod]
    [DataRow("null message")]
    [DataRow("ToString throws")]
    [DataRow("stack trace throws")]
    public async Task An_exception_that_cannot_describe_itself_is_still_reported(string how)
    {
        using var child = TestTargets.Targets.FailBadly.With(new ProcessOptions { RedirectStandardError = true }).Start(how);
        var error = await Assert.ThrowsExactlyAsync<ProcessTargetException>(async () => await child.Bounded());
        Assert.AreEqual(typeof(FaultyException).FullName, error.RemoteType);
        Assert.AreEqual(how == "null message" ? "" : "faulty", error.RemoteMessage);
        Assert.AreEqual(1, child.ExitCode, "reported, not crashed");
        StringAssert.Contains(await child.StandardError.ReadToEndAsync(), nameof(FaultyException));
    }

    [TestMethod]
    public async Task Environment_FailFast_in_the_child_is_a_crash_not_a_hang()
    {
        using var child = TestTargets.Targets.FailFast.With(new ProcessOptions { RedirectStandardError = true }).Start();
        var stderr = child.StandardError.ReadToEndAsync();
        var error = await Assert.ThrowsExactlyAsync<ChildProcessCrashedException>(async () => await child.Bounded());
        Assert.AreEqual(6, error.Signal, $"FailFast aborts (SIGABRT); exit code {error.ExitCode}");
        StringAssert.Contains(await stderr.WaitAsync(Bound), "deliberate crash");
    }

    [TestMethod]
    public async Task Kill_ends_the_child_with_SIGKILL()
    {
        using var child = TestTargets.Targets.Sleep.Start(60_000);
        Assert.IsTrue(child.IsAlive);
        Assert.IsNull(child.ExitCode);
        child.Kill();
        var error = await Assert.ThrowsExactlyAsync<ChildProcessCrashedException>(async () => await child.Bounded());
        Assert.AreEqual(9, error.Signal);
        Assert.AreEqual(-9, child.ExitCode);
        StringAssert.Contains(error.Message, "SIGKILL");
    }

    [TestMethod]
    public async Task A_child_killed_with_SIGKILL_from_outside_fails_its_awaiter()
    {
        using var child = TestTargets.Targets.Sleep.Start(60_000);
        await WaitUntilConnected(child);
        using (var kill = Process.Start("kill", ["-KILL", child.Pid.ToString()]))
        {
            await kill.WaitForExitAsync().WaitAsync(Bound);
        }

        var error = await Assert.ThrowsExactlyAsync<ChildProcessCrashedException>(async () => await child.Bounded());
        Assert.AreEqual(-9, error.ExitCode);
    }

    [TestMethod]
    public async Task Terminate_sends_SIGTERM()
    {
        using var child = TestTargets.Targets.Sleep.Start(60_000);
        await WaitUntilConnected(child);
        child.Terminate();
        Assert.IsTrue(await Task.Run(() => child.Join(Bound)));
        Assert.AreEqual(-15, child.ExitCode);
    }

    [TestMethod]
    public async Task Join_with_a_timeout_returns_false_while_the_child_runs()
    {
        using var child = TestTargets.Targets.Sleep.Start(60_000);
        Assert.IsFalse(child.Join(TimeSpan.FromMilliseconds(100)));
        await child.DisposeAsync();
        Assert.IsFalse(child.IsAlive, "disposing a running child kills it");
        Assert.AreEqual(-9, child.ExitCode);
    }

    [TestMethod]
    public async Task JoinAsync_does_not_throw_for_a_failed_target()
    {
        using var child = TestTargets.Targets.Fail.With(new ProcessOptions { RedirectStandardError = true }).Start("ignored");
        await child.JoinAsync().WaitAsync(Bound);
        Assert.AreEqual(1, child.ExitCode);
    }

    [TestMethod]
    public async Task A_child_whose_parent_is_SIGKILLed_exits_within_two_seconds()
    {
        using var parent = TestTargets.Targets.SpawnSleeper.With(new ProcessOptions { RedirectStandardOutput = true }).Start();
        string? line = await parent.StandardOutput.ReadLineAsync().WaitAsync(Bound);
        Assert.IsNotNull(line);
        int grandchild = int.Parse(line["grandchild=".Length..]);
        Assert.IsTrue(IsRunning(grandchild));

        parent.Kill();
        await parent.JoinAsync().WaitAsync(Bound);
        var watch = Stopwatch.StartNew();
        while (IsRunning(grandchild) && watch.Elapsed < TimeSpan.FromSeconds(2))
        {
            await Task.Delay(20);
        }

        Assert.IsFalse(IsRunning(grandchild), $"grandchild {grandchild} still runs {watch.Elapsed.TotalSeconds:F1} s after its parent was killed");

        // The killed parent could not remove its socket directory; the next parent to start children does.
        string root = Path.GetDirectoryName(Path.GetDirectoryName(ParentEndpoint.Instance.SocketPath)!)!;
        Assert.AreNotEqual(0, Directory.GetDirectories(root, $"mp-{parent.Pid}-*").Length, "the killed parent's directory is there");
        await RunThisProgram(Environment.ProcessPath!, Program.ForgottenJoin);
        Assert.AreEqual(0, Directory.GetDirectories(root, $"mp-{parent.Pid}-*").Length, "the next parent removed it");
    }

    [TestMethod]
    public void Arguments_larger_than_a_call_carries_fail_at_start_with_the_limit()
    {
        var tooLarge = GC.AllocateUninitializedArray<byte>(FrameConnection.MaxCallLength + 1);
        var error = Assert.ThrowsExactly<ChildProcessStartException>(() => TestTargets.Targets.Length.Start(tooLarge));
        StringAssert.Contains(error.Message, "TestTargets.Length");
        StringAssert.Contains(error.Message, "shared memory");
    }

    [TestMethod]
    public void An_argument_the_serializer_cannot_write_fails_at_start_naming_its_type()
    {
        // an unpaired surrogate is a valid .NET string but not UTF-8
        var error = Assert.ThrowsExactly<ArgumentException>(() => TestTargets.Targets.Echo.Start("x\uD800y"));
        StringAssert.Contains(error.Message, "System.String");
        StringAssert.Contains(error.Message, "cannot be sent to another process");
    }

    [TestMethod]
    public async Task A_child_whose_parent_is_SIGKILLed_exits_at_once_even_with_a_child_of_its_own()
    {
        // it does not join its non-daemon child as a normal exit would: it exits, and that child sees it go
        using var parent = TestTargets.Targets.SpawnSleeperWithAChild.With(new ProcessOptions { RedirectStandardOutput = true }).Start();
        var pids = new Dictionary<string, int>();
        while (pids.Count < 2 && await parent.StandardOutput.ReadLineAsync().WaitAsync(Bound) is { } line)
        {
            pids[line[..line.IndexOf('=')]] = int.Parse(line[(line.IndexOf('=') + 1)..]);
        }

        Assert.AreEqual(2, pids.Count, "both descendants said their pid");
        parent.Kill();
        await parent.JoinAsync().WaitAsync(Bound);
        var watch = Stopwatch.StartNew();
        while (pids.Values.Any(IsRunning) && watch.Elapsed < TimeSpan.FromSeconds(2))
        {
            await Task.Delay(20);
        }

        foreach (var (who, pid) in pids)
        {
            Assert.IsFalse(IsRunning(pid), $"{who} {pid} still runs {watch.Elapsed.TotalSeconds:F1} s after the parent was killed");
        }
    }

    [TestMethod]
    public async Task A_target_declared_in_a_referenced_class_library_runs_in_a_child()
    {
        using var child = TargetLibrary.LibraryTargets.Targets.Greet.Start("Ada");
        Assert.AreEqual($"hello Ada from TargetLibrary in pid {child.Pid}", await child.Bounded());
    }

    [TestMethod]
    public async Task Nested_children_work()
    {
        Assert.AreEqual(26, await TestTargets.Targets.NestedSquare.Start(5).Bounded());
    }

    [TestMethod]
    public async Task The_child_knows_its_name_and_that_it_is_a_child()
    {
        Assert.AreEqual("MainProcess", ProcessEntry.CurrentName);
        Assert.IsFalse(ProcessEntry.IsChild);
        using var named = TestTargets.Targets.WhoAmI.With(new ProcessOptions { Name = "Worker-A" }).Start();
        Assert.AreEqual($"Worker-A|True|{named.Pid}", await named.Bounded());
        using var unnamed = TestTargets.Targets.WhoAmI.Start();
        StringAssert.StartsWith(await unnamed.Bounded(), "Process-");
        Assert.AreEqual(unnamed.Name, (await unnamed.Bounded()).Split('|')[0]);
        // the start-up path reads names with an ASCII fast path: anything else must come through intact
        using var accented = TestTargets.Targets.WhoAmI.With(new ProcessOptions { Name = "Wörker-é-工作-🚀" }).Start();
        Assert.AreEqual($"Wörker-é-工作-🚀|True|{accented.Pid}", await accented.Bounded());
    }

    [TestMethod]
    public async Task Child_output_can_be_redirected()
    {
        using var child = TestTargets.Targets.Print.With(new ProcessOptions { RedirectStandardOutput = true }).Start("hello from the child");
        Assert.AreEqual("hello from the child", (await child.StandardOutput.ReadToEndAsync().WaitAsync(Bound)).Trim());
        await child.Bounded();
        using var plain = TestTargets.Targets.Nothing.Start();
        Assert.ThrowsExactly<InvalidOperationException>(() => plain.StandardOutput);
    }

    [TestMethod]
    public async Task A_connection_with_a_wrong_token_is_refused_and_the_real_child_still_runs()
    {
        using var child = TestTargets.Targets.Square.Start(3);
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(ParentEndpoint.Instance.SocketPath));
        using var intruder = new FrameConnection(socket);
        var hello = new PayloadWriter().Bytes(new byte[ParentEndpoint.TokenLength]).Int32(Environment.ProcessId).Bytes(Guid.Empty.ToByteArray());
        intruder.Send(FrameKind.Hello, hello.WrittenSpan);
        var reply = await Task.Run(intruder.Receive).WaitAsync(Bound);
        Assert.AreEqual(FrameKind.Refuse, reply?.Kind);
        StringAssert.Contains(new PayloadReader(reply!.Payload).String(), "spawn token");
        Assert.IsNull(await Task.Run(intruder.Receive).WaitAsync(Bound), "the parent closes the connection");
        Assert.AreEqual(9, await child.Bounded());
    }

    [TestMethod]
    public async Task Connections_that_say_nothing_do_not_keep_children_from_starting()
    {
        // strangers that connect and say nothing hold a connection each, never the endpoint
        var silent = new List<Socket>();
        try
        {
            for (int i = 0; i < 4; i++)
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                silent.Add(socket);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(ParentEndpoint.Instance.SocketPath));
            }

            using var first = TestTargets.Targets.Square.Start(4);
            using var second = TestTargets.Targets.Square.Start(5);
            Assert.AreEqual(16, await first.Bounded());
            Assert.AreEqual(25, await second.Bounded());
        }
        finally
        {
            silent.ForEach(socket => socket.Dispose());
        }
    }

    [TestMethod]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_socket_directory_is_private_to_the_user()
    {
        await TestTargets.Targets.Nothing.Start().Bounded();
        var mode = File.GetUnixFileMode(Path.GetDirectoryName(ParentEndpoint.Instance.SocketPath)!);
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, mode);
    }

    [TestMethod]
    public async Task A_child_from_another_build_is_refused_with_a_clear_message()
    {
        var own = BuildIdentity.Expected;
        BuildIdentity.Expected = Guid.NewGuid();
        try
        {
            using var child = TestTargets.Targets.Square.With(new ProcessOptions { RedirectStandardError = true }).Start(2);
            var error = await Assert.ThrowsExactlyAsync<ChildProcessStartException>(async () => await child.Bounded());
            StringAssert.Contains(error.Message, "different build");
            StringAssert.Contains(error.Message, "TestTargets.Square");
            StringAssert.Contains(await child.StandardError.ReadToEndAsync().WaitAsync(Bound), "different build");
            Assert.AreEqual(ProcessEntry.ParentGoneExitCode, child.ExitCode, "the child ran nothing");
        }
        finally
        {
            BuildIdentity.Expected = own;
        }
    }

    [TestMethod]
    public void A_child_that_skipped_the_guard_cannot_start_children()
    {
        // as in a child: the marker in the environment, the child argument last on the command line
        Environment.SetEnvironmentVariable(ProcessEntry.ChildMarkerVariable, "0:/nowhere");
        try
        {
            var error = Assert.ThrowsExactly<InvalidOperationException>(
                () => ProcessEntry.ThrowIfUnguardedChild("TestTargets.Nothing", ["app", ProcessEntry.ChildArgument]));
            StringAssert.Contains(error.Message, "ProcessEntry.Guard()");
            StringAssert.Contains(error.Message, "TestTargets.Nothing");

            // the marker alone was inherited: a program that a child's own code started is an ordinary program
            ProcessEntry.ThrowIfUnguardedChild("TestTargets.Nothing", ["app"]);
            ProcessEntry.ThrowIfUnguardedChild("TestTargets.Nothing", ["app", ProcessEntry.ChildArgument, "more"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ProcessEntry.ChildMarkerVariable, null);
        }
    }

    [TestMethod]
    public async Task Children_of_a_program_started_with_the_dotnet_host_are_started_with_it_too()
    {
        var (exitCode, output) = await RunThisProgram("dotnet", typeof(Program).Assembly.Location, Program.MuxerSelfTest);
        Assert.AreEqual("square=144", output.Trim());
        Assert.AreEqual(0, exitCode);
    }

    [TestMethod]
    public async Task A_non_daemon_child_is_joined_when_the_main_program_ends()
    {
        var (exitCode, output) = await RunThisProgram(Environment.ProcessPath!, Program.ForgottenJoin);
        Assert.AreEqual("main returns\nchild finished", output.Trim().ReplaceLineEndings("\n"));
        Assert.AreEqual(0, exitCode);
    }

    [TestMethod]
    public async Task A_daemon_child_is_not_waited_for_and_does_not_outlive_its_parent()
    {
        var watch = Stopwatch.StartNew();
        var (exitCode, output) = await RunThisProgram(Environment.ProcessPath!, Program.DaemonChild);
        Assert.AreEqual(0, exitCode);
        Assert.IsTrue(watch.Elapsed < TimeSpan.FromSeconds(20), $"the parent waited for its daemon child ({watch.Elapsed})");
        int daemon = int.Parse(output.Trim()["daemon=".Length..]);
        while (IsRunning(daemon) && watch.Elapsed < TimeSpan.FromSeconds(25))
        {
            await Task.Delay(20);
        }

        Assert.IsFalse(IsRunning(daemon), "the daemon child outlived its parent");
    }

    private static async Task<(int ExitCode, string Output)> RunThisProgram(string executable, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable, arguments) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        string output = await process.StandardOutput.ReadToEndAsync().WaitAsync(Bound);
        await process.WaitForExitAsync().WaitAsync(Bound);
        return (process.ExitCode, output);
    }

    private static async Task WaitUntilConnected(ChildProcess child)
    {
        // a signal sent before the runtime installs its handlers is not the one under test
        await Task.Delay(300);
        Assert.IsTrue(child.IsAlive);
    }

    [TestMethod]
    public async Task A_program_a_child_starts_on_its_own_runs_as_an_ordinary_program()
    {
        // The program inherits the child's environment: it must not take itself for a child (it starts a child of its
        // own and prints its result)
        using var child = TestTargets.Targets.RunThisProgramFromAChild.Start(Program.MuxerSelfTest);
        Assert.AreEqual("exit 0: square=144", (await child.Bounded()).Trim());
    }

    [TestMethod]
    public async Task Ended_children_are_reaped()
    {
        // The parent reads a child's exit status without reaping it (Process does): no zombie may stay behind.
        var pids = new List<int>();
        for (int i = 0; i < 10; i++)
        {
            using var child = TestTargets.Targets.Square.Start(i);
            Assert.AreEqual(i * i, await child.Bounded());
            Assert.AreEqual(0, child.ExitCode);
            pids.Add(child.Pid);
        }

        var watch = Stopwatch.StartNew();
        while (pids.Any(IsOurZombie) && watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20);
        }

        Assert.IsFalse(pids.Any(IsOurZombie), $"unreaped children: {string.Join(", ", pids.Where(IsOurZombie))}");
    }

    private static bool IsOurZombie(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[0] == "Z" && fields[1] == Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static bool IsRunning(int pid) => Processes.IsRunning(pid);
}

internal static class Processes
{
    /// <summary>Whether a process still runs; a zombie (state Z) has exited already and only waits to be reaped.</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}

internal static class Bounds
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public static Task<T> Bounded<T>(this ChildProcess<T> child) => AwaitResult(child).WaitAsync(Limit);

    public static Task Bounded(this ChildProcess child) => AwaitCompletion(child).WaitAsync(Limit);

    private static async Task<T> AwaitResult<T>(ChildProcess<T> child) => await child;

    private static async Task AwaitCompletion(ChildProcess child) => await child;
}
