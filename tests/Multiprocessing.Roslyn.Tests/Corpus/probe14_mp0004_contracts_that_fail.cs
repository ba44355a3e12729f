// expect: MP0004@37 MP0004@40 MP0004@43 MP0004@46 MP0004@49 MP0004@52
// what does not cross (MP0004.md), reached through generics and wrappers: an async stream result (an interface
// without a known formatter), a generic [MemoryPackable] envelope closed over a delegate, a KeyValuePair with an
// object value, Lazy<HttpClient>, a required member holding a CancellationTokenSource, and a nested tuple that
// carries a TextReader
using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using MemoryPack;
using Multiprocessing;

[MemoryPackable]
public partial record Envelope<T>(string Topic, T Body);

[MemoryPackable]
public partial class Job
{
    public required string Name { get; init; }

    [MemoryPackIgnore]
    public CancellationTokenSource? Ignored { get; set; }
}

[MemoryPackable]
public partial class JobWithToken
{
    public required string Name { get; init; }

    public required CancellationTokenSource Cancel { get; init; }
}

public static partial class Pipeline
{
    [ProcessTarget]
    public static async IAsyncEnumerable<int> Stream(int count) { await System.Threading.Tasks.Task.Yield(); yield return count; }

    [ProcessTarget]
    public static void Publish(Envelope<Func<string>> message) { }

    [ProcessTarget]
    public static void Tag(List<KeyValuePair<string, object>> tags) { }

    [ProcessTarget]
    public static void Fetch(Lazy<HttpClient> client) { }

    [ProcessTarget]
    public static void Run(Job ok, Envelope<JobWithToken> job) { }

    [ProcessTarget]
    public static void Read((int Line, (string Name, TextReader Reader) Source) input) { }
}
