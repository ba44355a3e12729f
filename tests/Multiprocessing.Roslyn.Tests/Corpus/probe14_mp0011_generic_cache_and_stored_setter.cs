// expect: MP0011@47 MP0011@50 MP0011@53
// output: exe
// the parent assigns statics the targets read (MP0011.md: "a read ... of a static field that is neither const nor
// readonly ... when some other code of the project assigns it"): a generic per-type cache filled through its own
// static method (the write names Cache<T>.Value, the read Cache<string>.Value), a static property of a generic
// settings holder, and a field written by a lambda stored in a static field of its own type, called after the guard
// (the lambda runs when the parent calls it, not during the type's static initialization)
using System;
using Multiprocessing;

ProcessEntry.Guard();
Cache<string>.Set("eu-west");
Defaults<int>.Retries = 5;
Limits.Apply(64);
Console.WriteLine(await Reports.Targets.Region.Start());
Console.WriteLine(await Reports.Targets.Retries.Start());
Console.WriteLine(await Reports.Targets.Batch.Start());

public static class Cache<T>
{
    public static T? Value;

    public static void Set(T value) => Value = value;
}

public static class Defaults<T>
{
    private static int s_retries = 3;

    public static int Retries
    {
        get => s_retries;
        set => s_retries = value;
    }
}

public static class Limits
{
    public static int BatchSize = 16;

    public static readonly Action<int> Apply = size => BatchSize = size;
}

public static partial class Reports
{
    [ProcessTarget]
    public static string Region() => Cache<string>.Value ?? "none";  // MP0011

    [ProcessTarget]
    public static int Retries() => Defaults<int>.Retries;  // MP0011

    [ProcessTarget]
    public static int Batch() => Limits.BatchSize;  // MP0011
}
