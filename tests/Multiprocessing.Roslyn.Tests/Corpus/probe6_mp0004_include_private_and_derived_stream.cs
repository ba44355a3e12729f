// expect: MP0004@27 MP0004@30
// a private member promoted by [MemoryPackInclude], and a user type that is a Stream by inheritance
using System;
using System.IO;
using MemoryPack;
using Multiprocessing;

[MemoryPackable]
public partial class Job
{
    public string Name { get; set; } = "";

    [MemoryPackInclude]
    private Action? _onDone;

    public void Done() => _onDone?.Invoke();
}

public sealed class Payload : MemoryStream
{
    public string Label { get; set; } = "";
}

public static partial class Jobs
{
    [ProcessTarget]
    public static void Run(Job job) { }  // MP0004: Job._onDone

    [ProcessTarget]
    public static int Size(Payload payload) => 0;  // MP0004: a Stream
}
