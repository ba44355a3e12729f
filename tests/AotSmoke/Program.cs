using MemoryPack;
using Multiprocessing;

ProcessEntry.Guard();

Console.WriteLine($"parent={Environment.ProcessPath}");
Console.WriteLine($"child={await Smoke.Targets.ProcessPath.Start()}");
Console.WriteLine($"square={await Smoke.Targets.Square.Start(9)}");
Console.WriteLine($"words={string.Join(",", await Smoke.Targets.Upper.Start(["a", "b"]))}");
Console.WriteLine($"lengths={string.Join(",", (await Smoke.Targets.Lengths.Start(new Dictionary<string, string> { ["k"] = "abc" })).Select(p => $"{p.Key}:{p.Value}"))}");
Console.WriteLine($"point={await Smoke.Targets.Move.Start(new Point(1, 2), 10)}");
Console.WriteLine($"async={await Smoke.Targets.EchoAsync.Start("x")}");
using (var queue = new ProcessQueue<Point>())
{
    await Smoke.Targets.ProducePoints.Start(queue, 3);
    queue.Complete();
    var points = new List<Point>();
    await foreach (var point in queue.Reader.ReadAllAsync())
    {
        points.Add(point);
    }

    Console.WriteLine($"queue={string.Join(",", points.Select(p => p.X))}");
}

var (parentEnd, childEnd) = ProcessPipe.Create<string>();
using (parentEnd)
{
    using var echo = Smoke.Targets.Echo.Start(childEnd);
    childEnd.Dispose();
    parentEnd.Send("ping");
    Console.WriteLine($"pipe={parentEnd.Receive()}");
    parentEnd.Dispose();
    await echo;
}

try
{
    await Smoke.Targets.Fail.With(new ProcessOptions { RedirectStandardError = true }).Start();
}
catch (ProcessTargetException e)
{
    Console.WriteLine($"error={e.RemoteType}:{e.RemoteMessage}");
}

[MemoryPackable]
public partial record Point(int X, int Y);

public static partial class Smoke
{
    [ProcessTarget]
    public static string ProcessPath() => Environment.ProcessPath ?? "";

    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static string[] Upper(List<string> words) => words.Select(w => w.ToUpperInvariant()).ToArray();

    [ProcessTarget]
    public static Dictionary<string, int> Lengths(Dictionary<string, string> words) => words.ToDictionary(p => p.Key, p => p.Value.Length);

    [ProcessTarget]
    public static Point Move(Point point, int by) => point with { X = point.X + by, Y = point.Y + by };

    [ProcessTarget]
    public static async Task<string> EchoAsync(string text) => await Task.Run(() => text + "!");

    [ProcessTarget]
    public static void ProducePoints(ProcessQueue<Point> queue, int count)
    {
        for (int i = 1; i <= count; i++)
        {
            queue.Write(new Point(i, -i));
        }
    }

    [ProcessTarget]
    public static void Echo(PipeConnection<string> connection)
    {
        foreach (string message in connection.ReceiveAllAsync().ToBlockingEnumerable())
        {
            connection.Send(message + "-pong");
        }
    }

    [ProcessTarget]
    public static void Fail() => throw new InvalidOperationException("aot boom");
}
