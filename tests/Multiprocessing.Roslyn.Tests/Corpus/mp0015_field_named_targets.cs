// expect: MP0015@6
// a field takes the name the generated descriptors' class needs
using Multiprocessing;
public static partial class Workers
{
    public static readonly string[] Targets = ["a", "b"];  // MP0015

    [ProcessTarget]
    public static int Square(int n) => n * n;
}
