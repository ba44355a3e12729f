// expect: none
// namespaces under Multiprocessing and System, escaped-keyword and contextual-keyword namespaces, the global
// namespace, the same simple name in several namespaces, targets nested three levels deep in partial structs,
// records, record structs and interfaces, and targets in ref structs
using System.Threading.Tasks;
using Multiprocessing;

namespace Multiprocessing.Sub
{
    public static partial class Workers
    {
        [ProcessTarget]
        public static int Square(int n) => n * n;
    }
}

namespace System.Custom
{
    public static partial class Workers
    {
        [ProcessTarget]
        public static int Square(int n) => n * n;
    }
}

namespace Multiprocessing.Generated.Mine
{
    public static partial class Workers
    {
        [ProcessTarget]
        public static int Square(int n) => n * n;
    }
}

namespace @class.@event
{
    public static partial class Workers
    {
        [ProcessTarget]
        public static int Square(int n) => n * n;
    }
}

namespace record.var.async
{
    public static partial class Workers
    {
        [ProcessTarget]
        public static int Cube(int n) => n * n * n;
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;
}

namespace Deep
{
    public readonly partial struct Outer
    {
        public partial record Middle(int X)
        {
            public partial record struct Inner
            {
                public partial interface IInnermost
                {
                    [ProcessTarget]
                    public static int Leaf(int n) => n;
                }

                [ProcessTarget]
                public static Task<Inner> Self(int n) => Task.FromResult(new Inner());
            }
        }

        internal partial class Hidden
        {
            [ProcessTarget]
            internal static int Secret(int n) => n;
        }
    }
}

public ref partial struct Parser
{
    [ProcessTarget]
    public static int Parse(string text) => text.Length;
}

public readonly ref partial struct Frozen
{
    [ProcessTarget]
    public static int Size(int[] items) => items.Length;
}

public static class UseNamespaces
{
    public static ChildProcess<int> A() => Multiprocessing.Sub.Workers.Targets.Square.Start(1);
    public static ChildProcess<int> B() => System.Custom.Workers.Targets.Square.Start(2);
    public static ChildProcess<int> C() => Multiprocessing.Generated.Mine.Workers.Targets.Square.Start(3);
    public static ChildProcess<int> D() => global::Workers.Targets.Square.Start(4);
    public static ChildProcess<int> E() => Deep.Outer.Middle.Inner.IInnermost.Targets.Leaf.Start(n: 5);
    public static ChildProcess<Deep.Outer.Middle.Inner> F() => Deep.Outer.Middle.Inner.Targets.Self.Start(6);
    public static ChildProcess<int> G() => Deep.Outer.Hidden.Targets.Secret.Start(7);
    public static ChildProcess<int> H() => @class.@event.Workers.Targets.Square.Start(n: 3);
    public static ChildProcess<int> I() => record.var.async.Workers.Targets.Cube.Start(2);
    public static ChildProcess<int> J() => Parser.Targets.Parse.Start(text: "x");
    public static ChildProcess<int> K() => Frozen.Targets.Size.Start([1, 2]);
}
