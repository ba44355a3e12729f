// expect: MP0010@15 MP0010@23
// the descriptor held in a local; a target whose descriptor class name is shifted by a sibling named WorkTarget
using Multiprocessing;

public static partial class Spinner
{
    [ProcessTarget]
    public static void WorkTarget() { }

    [ProcessTarget]
    public static void Spin(int n)
    {
        System.Console.WriteLine(n);
        var self = Targets.Spin;
        using var child = self.Start(n + 1);  // MP0010
        child.Join();
    }

    [ProcessTarget]
    public static void Work(int n)
    {
        System.Console.WriteLine(n);
        Targets.Work.Start(n + 1).Join();  // MP0010
    }
}
