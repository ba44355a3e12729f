// expect: MP0006@8 MP0007@10
// output: exe
// a using statement whose resource is a child, with the guard nested in its body: the child is created before the guard
using Multiprocessing;

public static class Program
{
    public static void Main(string[] args)  // MP0006
    {
        using (var warm = Workers.Targets.Ping.Start())  // MP0007
        {
            ProcessEntry.Guard();
            warm.Join();
            using var child = Workers.Targets.Ping.Start();
            child.Join();
        }
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Ping() { }
}
