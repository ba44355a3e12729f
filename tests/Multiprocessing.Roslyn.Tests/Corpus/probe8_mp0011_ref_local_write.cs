// expect: MP0011@24
// output: exe
// a static written through a ref local by the parent's code: the child still starts from the initial value
using Multiprocessing;

ProcessEntry.Guard();
Counters.Bump();
System.Console.WriteLine(await Jobs.Targets.Read.Start());

public static class Counters
{
    public static int Count;

    public static void Bump()
    {
        ref int count = ref Count;
        count++;
    }
}

public static partial class Jobs
{
    [ProcessTarget]
    public static int Read() => Counters.Count;  // MP0011
}
