// expect: MP0008@11 MP0008@16 MP0008@21 MP0008@27
// static initializers of types without targets: a generic class's static auto-property, a positional record's
// field, a record struct's property, and a generic record's static constructor
using System.Collections.Generic;
using Multiprocessing;

namespace Services;

public class Registry<TKey> where TKey : notnull
{
    public static ChildProcess Indexer { get; } = Workers.Targets.Work.Start(typeof(TKey).Name, 5);  // MP0008
}

public sealed record Settings(string Name, int Workers)
{
    public static readonly ProcessPool Shared = new(2);  // MP0008
}

public readonly record struct Point(int X, int Y)
{
    public static ChildProcess<int> Origin { get; } = Services.Workers.Targets.Square.Start(0);  // MP0008
}

public record Envelope<T>(T Body)
{
    static Envelope() =>
        Services.Workers.Targets.Work.Start(typeof(T).Name, 0).Join();  // MP0008
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
