// expect: MP0013@10
// the dispatch table cannot name a private type
using Multiprocessing;

public partial class Outer
{
    private static partial class Hidden
    {
        [ProcessTarget]
        public static void Work() { }  // MP0013
    }
}
