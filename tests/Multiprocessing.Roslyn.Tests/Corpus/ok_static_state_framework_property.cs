// expect: none
// framework statics are not this project's state
using System;
using Multiprocessing;

public static class Exit
{
    public static void Fail() => Environment.ExitCode = 3;
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Code() => Environment.ExitCode + Environment.ProcessorCount;
}
