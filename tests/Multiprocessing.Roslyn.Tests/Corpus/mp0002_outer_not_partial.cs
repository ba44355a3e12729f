// expect: MP0002@10
// every enclosing type must be partial
using Multiprocessing;

public class Outer
{
    public static partial class Inner
    {
        [ProcessTarget]
        public static void Work() { }  // MP0002
    }
}
