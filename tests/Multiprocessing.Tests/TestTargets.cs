using MemoryPack;

namespace Multiprocessing.Tests;

public enum Color
{
    Red,
    Green,
    Blue,
}

[MemoryPackable]
public partial record Order(string Customer, int[] Quantities, Dictionary<string, decimal> Prices, Color Color);

/// <summary>Targets the tests run in real child processes of the test executable.</summary>
public static partial class TestTargets
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    /// <summary>Runs this test executable from a child as an ordinary program, not a process target: its exit code and output.</summary>
    [ProcessTarget]
    public static string RunThisProgramFromAChild(string argument)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Environment.ProcessPath!, [argument]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return $"exit {process.ExitCode}: {output.Trim()} {error.Result.Trim()}";
    }

    [ProcessTarget]
    public static void Nothing()
    {
    }

    [ProcessTarget]
    public static string Describe(byte b, short s, long l, double d, float f, decimal m, bool flag, char c, string? maybe, Guid id, DateTime when, TimeSpan span) =>
        string.Join("|", b, s, l, d.ToString(System.Globalization.CultureInfo.InvariantCulture), f.ToString(System.Globalization.CultureInfo.InvariantCulture),
            m.ToString(System.Globalization.CultureInfo.InvariantCulture), flag, c, maybe ?? "<null>", id, when.ToString("O"), span);

    [ProcessTarget]
    public static Color NextColor(Color color) => (Color)(((int)color + 1) % 3);

    [ProcessTarget]
    public static int[] Reverse(int[] items) => items.Reverse().ToArray();

    [ProcessTarget]
    public static List<string> Upper(List<string> words) => words.ConvertAll(w => w.ToUpperInvariant());

    [ProcessTarget]
    public static Dictionary<string, int> CountLetters(Dictionary<string, string> words) =>
        words.ToDictionary(pair => pair.Key, pair => pair.Value.Length);

    [ProcessTarget]
    public static (int Sum, string Joined) SumAndJoin((int A, int B) numbers, Tuple<string, string> words) =>
        (numbers.A + numbers.B, words.Item1 + words.Item2);

    [ProcessTarget]
    public static Order Reprice(Order order, decimal factor) =>
        order with { Prices = order.Prices.ToDictionary(p => p.Key, p => p.Value * factor) };

    [ProcessTarget]
    public static async Task<string> EchoAsync(string text)
    {
        await Task.Delay(10);
        // threads in the child: the dispatch runs from the guard, not a module initializer, so this cannot deadlock
        return await Task.Run(() => text + "!");
    }

    [ProcessTarget]
    public static async ValueTask<int> ParallelSumAsync(int upTo)
    {
        await Task.Yield();
        int total = 0;
        Parallel.For(1, upTo + 1, i => Interlocked.Add(ref total, i));
        return total;
    }

    [ProcessTarget]
    public static async Task DelayAsync(int milliseconds) => await Task.Delay(milliseconds);

    [ProcessTarget]
    public static int Fail(string message) => throw new InvalidOperationException(message);

    [ProcessTarget]
    public static void ExitWith(int code) => Environment.Exit(code);

    [ProcessTarget]
    public static void FailFast() => Environment.FailFast("deliberate crash from a test");

    [ProcessTarget]
    public static void Sleep(int milliseconds) => Thread.Sleep(milliseconds);

    [ProcessTarget]
    public static void Print(string text) => Console.WriteLine(text);

    [ProcessTarget]
    public static void SleepThenPrint(int milliseconds, string text)
    {
        Thread.Sleep(milliseconds);
        Console.WriteLine(text);
    }

    [ProcessTarget]
    public static string WhoAmI() => $"{ProcessEntry.CurrentName}|{ProcessEntry.IsChild}|{Environment.ProcessId}";

    /// <summary>Starts a grandchild that sleeps, prints its pid, and then sleeps itself (to be killed).</summary>
    [ProcessTarget]
    public static void SpawnSleeper()
    {
#pragma warning disable MP0012 // deliberately never joined: the test kills this process and watches the grandchild die
        var grandchild = Targets.Sleep.Start(60_000);
#pragma warning restore MP0012
        Console.WriteLine($"grandchild={grandchild.Pid}");
        Thread.Sleep(60_000);
    }

    /// <summary>Starts a grandchild with a non-daemon child of its own, prints both pids, and sleeps (to be killed).</summary>
    [ProcessTarget]
    public static void SpawnSleeperWithAChild()
    {
#pragma warning disable MP0012 // deliberately never joined: the test kills this process and watches its descendants die
        var grandchild = Targets.SleepWithAChild.Start();
#pragma warning restore MP0012
        Console.WriteLine($"grandchild={grandchild.Pid}");
        Thread.Sleep(60_000);
    }

    /// <summary>Prints the pid of a non-daemon child that sleeps, and waits for it.</summary>
    [ProcessTarget]
    public static async Task SleepWithAChild()
    {
        using var child = Targets.Sleep.Start(60_000);
        Console.WriteLine($"greatgrandchild={child.Pid}");
        await child;
    }

    [ProcessTarget]
    public static int Length(byte[] bytes) => bytes.Length;

    [ProcessTarget]
    public static string Echo(string text) => text;

    [ProcessTarget]
    public static string ReadInput() => Console.In.ReadLine() ?? "<end of input>";

    /// <summary>Throws an exception whose message is null, or whose ToString() or StackTrace throws.</summary>
    [ProcessTarget]
    public static void FailBadly(string how) => throw new FaultyException(how);

    [ProcessTarget]
    public static async Task<int> NestedSquare(int n) => await Targets.Square.Start(n) + 1;

    [ProcessTarget]
    public static void WithDefaults(int count = 3, string label = "x", Color color = Color.Blue, double ratio = -1.5, string? none = null)
    {
        Console.WriteLine($"{count}|{label}|{color}|{ratio.ToString(System.Globalization.CultureInfo.InvariantCulture)}|{none ?? "<null>"}");
    }

    /// <summary>Honours its token the usual way: by throwing when it is cancelled.</summary>
    [ProcessTarget]
    public static async Task<int> DelayUntilCancelled(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return 0;
    }

    [ProcessTarget]
    public static async Task<string> WaitForCancellation(CancellationToken cancellationToken, string label)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return label + " ran out";
        }
        catch (OperationCanceledException)
        {
            return label + " cancelled";
        }
    }
}

/// <summary>An exception type with bugs of its own: the child must still report it.</summary>
public sealed class FaultyException(string how) : Exception("faulty")
{
    public override string Message => how == "null message" ? null! : base.Message;

    public override string? StackTrace => how == "stack trace throws" ? throw new InvalidOperationException("StackTrace exploded") : base.StackTrace;

    public override string ToString() => how is "ToString throws" or "stack trace throws" ? throw new InvalidOperationException("ToString exploded") : base.ToString();
}
