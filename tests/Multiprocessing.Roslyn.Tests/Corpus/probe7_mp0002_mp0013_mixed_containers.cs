// expect: MP0002@10 MP0013@19 MP0013@26 MP0002@34
// a partial record in a non-partial class; private protected and file-local types; a type nested in a generic type
using Multiprocessing;

public class Host
{
    public partial record Inner
    {
        [ProcessTarget]
        public static void Work() { }  // MP0002
    }
}

public partial class Outer
{
    private protected static partial class Family
    {
        [ProcessTarget]
        public static int Square(int n) => n * n;  // MP0013
    }
}

file static partial class Local
{
    [ProcessTarget]
    public static void Hidden() { }  // MP0013
}

public partial class Box<T>
{
    public static partial class Jobs
    {
        [ProcessTarget]
        public static void Pack() { }  // MP0002
    }
}
