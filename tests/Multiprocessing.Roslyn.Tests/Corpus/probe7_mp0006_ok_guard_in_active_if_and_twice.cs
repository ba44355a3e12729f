// expect: none
// output: exe
// a guard inside an active #if branch (NET is defined) is the first statement; a second call in the entry point is harmless
using System;
using Multiprocessing;

#if NET
ProcessEntry.Guard();
#else
Console.WriteLine("unsupported");
#endif
ProcessEntry.Guard();
Console.WriteLine(await Workers.Targets.Square.Start(4));

namespace App
{
    public record Settings(int Workers);
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;
}
