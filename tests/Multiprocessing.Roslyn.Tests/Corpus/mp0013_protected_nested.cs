// expect: MP0013@10
// nor a protected one
using Multiprocessing;

public partial class Outer
{
    protected static partial class Family
    {
        [ProcessTarget]
        public static int Square(int n) => n * n;  // MP0013
    }
}
