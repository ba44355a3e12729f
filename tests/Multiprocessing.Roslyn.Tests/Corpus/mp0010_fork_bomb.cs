// expect: MP0010@8
// a target that always starts itself
using Multiprocessing;

public static partial class Bombs
{
    [ProcessTarget]
    public static void Fork() => Targets.Fork.Start().Join();  // MP0010
}
