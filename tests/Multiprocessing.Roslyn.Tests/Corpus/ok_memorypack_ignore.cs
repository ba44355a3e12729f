// expect: none
// ignored and private members do not cross
using System;
using MemoryPack;
using Multiprocessing;

[MemoryPackable]
public partial class Job
{
    public int Id { get; set; }

    [MemoryPackIgnore]
    public Action? OnDone { get; set; }

    [MemoryPackIgnore]
    public object Computed => Id;

    private System.IO.Stream? _log;

    public void Attach(System.IO.Stream log) => _log = log;
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Run(Job job) => job.Id;
}
