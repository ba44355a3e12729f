namespace Multiprocessing.Roslyn.Tests.Generator;

/// <summary>The inputs the generator tests share: each a complete source file with its own <c>using</c>s.</summary>
internal static class GeneratorTestSources
{
    public const string VoidWithSeveralParameters = """
        using Multiprocessing;

        namespace Demo;

        public static partial class Workers
        {
            [ProcessTarget]
            public static void Work(string name, int seconds, double factor)
            {
            }
        }
        """;

    public const string Square = """
        using Multiprocessing;

        namespace Demo;

        public static partial class Workers
        {
            [ProcessTarget]
            public static int Square(int n) => n * n;
        }
        """;

    public const string AsyncTask = """
        using System.Threading.Tasks;
        using Multiprocessing;

        namespace Demo;

        public static partial class Jobs
        {
            [ProcessTarget]
            public static async Task Flush() => await Task.Yield();
        }
        """;

    public const string TaskOfString = """
        using System.Threading.Tasks;
        using Multiprocessing;

        namespace Demo;

        public static partial class Jobs
        {
            [ProcessTarget]
            public static Task<string> Fetch(string url) => Task.FromResult(url);
        }
        """;

    public const string ValueTaskOfInt = """
        using System.Threading.Tasks;
        using Multiprocessing;

        namespace Demo;

        public static partial class Jobs
        {
            [ProcessTarget]
            public static async ValueTask<int> Count(int[] items)
            {
                await Task.Yield();
                return items.Length;
            }
        }
        """;

    public const string Defaults = """
        using Multiprocessing;

        namespace Demo;

        public enum Mode { Slow = -1, Normal, Fast }

        public static partial class Settings
        {
            [ProcessTarget]
            public static void Configure(
                int count = 3,
                string label = "a \"quoted\"\tlabel",
                bool verbose = true,
                Mode mode = Mode.Fast,
                string? note = null,
                double ratio = 0.5,
                int offset = -1,
                Mode slow = Mode.Slow,
                long big = -5,
                float scale = 1.5f,
                decimal price = 9.99m,
                char separator = ',',
                uint mask = 7,
                int? maybe = null,
                double? half = 0.5,
                double nan = double.NaN,
                System.DateTime when = default)
            {
            }
        }
        """;

    public const string NestedTypesAndRecords = """
        using Multiprocessing;

        namespace Demo.Nested;

        public partial class Outer
        {
            public partial struct Inner
            {
                [ProcessTarget]
                public static void Run()
                {
                }
            }
        }

        public partial record Message(string Text)
        {
            [ProcessTarget]
            public static string Echo(string text) => text;
        }

        public partial record struct Pair(int A, int B)
        {
            [ProcessTarget]
            public static int Sum(int a, int b) => a + b;
        }
        """;

    public const string RecordArgument = """
        using Multiprocessing;

        namespace Demo;

        public sealed record Point(int X, int Y);

        public static partial class Geometry
        {
            [ProcessTarget]
            public static Point Move(Point point, int dx, int dy) => point with { X = point.X + dx, Y = point.Y + dy };
        }
        """;

    public const string GlobalNamespace = """
        using Multiprocessing;

        public static partial class GlobalWorkers
        {
            [ProcessTarget]
            public static void Ping()
            {
            }
        }
        """;

    public const string KeywordParameters = """
        using Multiprocessing;

        namespace Demo;

        public static partial class School
        {
            [ProcessTarget]
            public static void Enroll(string @class, int @int, bool @default = false)
            {
            }
        }
        """;

    public const string InternalTargets = """
        using Multiprocessing;

        namespace Demo;

        public static partial class Workers
        {
            [ProcessTarget]
            internal static void Hidden(int value)
            {
            }

            [ProcessTarget]
            private static void Secret()
            {
            }
        }

        internal static partial class Internals
        {
            [ProcessTarget]
            public static void Open()
            {
            }
        }
        """;

    /// <summary>Declared out of order, with names whose ordinal and culture orders differ.</summary>
    public const string UnsortedTargets = """
        using Multiprocessing;

        namespace Demo;

        public static partial class alpha
        {
            [ProcessTarget]
            public static void Run()
            {
            }
        }

        public static partial class Za
        {
            [ProcessTarget]
            public static void Run()
            {
            }
        }

        public static partial class Beta
        {
            [ProcessTarget]
            public static void Run()
            {
            }

            [ProcessTarget]
            public static void Go()
            {
            }
        }

        public static partial class Z_
        {
            [ProcessTarget]
            public static void Run()
            {
            }
        }
        """;

    /// <summary>Other containing-type shapes the descriptor must fit in.</summary>
    public const string OtherContainingTypes = """
        using Multiprocessing;

        namespace Demo;

        public readonly partial struct ReadOnlyValue
        {
            [ProcessTarget]
            public static void Run()
            {
            }
        }

        public ref partial struct RefValue
        {
            [ProcessTarget]
            public static void Run()
            {
            }
        }

        public partial interface IWork
        {
            [ProcessTarget]
            static void Run()
            {
            }
        }

        public abstract partial class Base
        {
            [ProcessTarget]
            protected static void Protected()
            {
            }
        }

        internal sealed partial class Sealed
        {
            [ProcessTarget]
            public static string? Nullable(string? text, int? count) => text;
        }
        """;

    /// <summary>Argument and result types the serializer needs formatters for: collections, arrays, tuples, enums, nullables.</summary>
    public const string SerializerShapes = """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Collections.ObjectModel;
        using System.Linq;
        using System.Threading.Tasks;
        using Multiprocessing;

        namespace Demo;

        public enum Color { Red, Green }

        public static partial class Shapes
        {
            [ProcessTarget]
            public static List<int> Generic(List<string> a, Dictionary<string, int> b, HashSet<Color> c) => [];

            [ProcessTarget]
            public static void Arrays(int[,] a, int[][] b, Color[] c, (int, string) d, (int X, string Y) e, Tuple<int, string> f)
            {
            }

            [ProcessTarget]
            public static void Interfaces(IEnumerable<int> a, IReadOnlyList<string> b, IList<int> c, IDictionary<string, int> d, IReadOnlyDictionary<int, int> e, ISet<int> f)
            {
            }

            [ProcessTarget]
            public static void Immutable(ImmutableArray<int> a, ImmutableList<int> b, ImmutableDictionary<string, int> c, KeyValuePair<int, string> d, Queue<int> e, SortedDictionary<int, int> f)
            {
            }

            [ProcessTarget]
            public static void Concurrent(ConcurrentDictionary<int, int> a, ConcurrentQueue<int> b, ReadOnlyCollection<int> c, Lazy<int> d, Memory<byte> e, ArraySegment<byte> f)
            {
            }

            [ProcessTarget]
            public static Task<Dictionary<string, List<int?>>> Nested(ILookup<int, string> a, PriorityQueue<int, int> b, IReadOnlySet<int> c) => Task.FromResult(new Dictionary<string, List<int?>>());

            [ProcessTarget]
            public static ValueTask<Color?> Nullables(Color? a, List<Color>? b, int[]? c, string?[] d) => default;

            [ProcessTarget]
            public static void Primitives(Guid a, DateTime b, TimeSpan c, decimal d, Uri e, Version f, DateTimeOffset g, byte[] h, string[] i)
            {
            }
        }
        """;

    /// <summary>A target whose only parameter is a <c>CancellationToken</c>: nothing is serialized, <c>TArgs</c> is <c>ValueTuple</c>.</summary>
    public const string CancellationTokenOnly = """
        using System.Threading;
        using Multiprocessing;

        namespace Demo;

        public static partial class Waiters
        {
            [ProcessTarget]
            public static void Wait(CancellationToken cancellationToken) => cancellationToken.WaitHandle.WaitOne();
        }
        """;

    /// <summary>
    /// <c>CancellationToken</c>s among other parameters: the token is not serialized (nor part of <c>TArgs</c>), Start
    /// passes it to <c>StartProcess</c>, and the child passes its own token in its place.
    /// </summary>
    public const string CancellationTokenAmongParameters = """
        using System.Threading;
        using System.Threading.Tasks;
        using Multiprocessing;

        namespace Demo;

        public static partial class Waiters
        {
            [ProcessTarget]
            public static async Task<int> Compute(int n, CancellationToken token, string label)
            {
                await Task.Delay(n, token);
                return label.Length;
            }

            [ProcessTarget]
            public static ValueTask<string> Poll(CancellationToken ct = default, int attempts = 3) => new(attempts.ToString());
        }
        """;

    /// <summary>Parameters named like <c>ValueTuple</c>'s members: a tuple cannot use those names, so <c>TArgs</c> has none.</summary>
    public const string ReservedTupleNames = """
        using Multiprocessing;

        namespace Demo;

        public static partial class Tuples
        {
            [ProcessTarget]
            public static int Swap(int Item1, string Rest) => Item1 + Rest.Length;
        }
        """;

    /// <summary>A target without parameters but with a result: <c>ProcessTarget&lt;ValueTuple, int&gt;</c>.</summary>
    public const string ZeroParametersWithResult = """
        using Multiprocessing;

        namespace Demo;

        public static partial class Oracle
        {
            [ProcessTarget]
            public static int Answer() => 42;
        }
        """;

    /// <summary>
    /// More arguments than the shared bases take (nine, one of them a list, and a token in the middle): a fully
    /// generated descriptor that writes and reads its arguments itself.
    /// </summary>
    public const string NineParameters = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Multiprocessing;

        namespace Demo;

        public static partial class Wide
        {
            [ProcessTarget]
            public static Task<long> Sum(int a, int b, int c, int d, CancellationToken token, int e, int f, int g, int h, List<int> rest) =>
                Task.FromResult((long)a + b + c + d + e + f + g + h + rest.Count);
        }
        """;

    /// <summary>
    /// The corners of <c>TArgs</c>: more than seven parameters (a nested tuple), reserved names at any position, names
    /// that are fine in a tuple, a token among reserved names, and parameters named like the generated code's own.
    /// </summary>
    public const string ArgumentTupleCorners = """
        using System.Threading;
        using System.Threading.Tasks;
        using Multiprocessing;

        namespace Demo;

        public static partial class Corners
        {
            [ProcessTarget]
            public static void Eight(int a, int b, int c, int d, int e, int f, int g, string h)
            {
            }

            [ProcessTarget]
            public static long Nine(int a, int b, int c, int d, int e, int f, int g, int h, int Item9) => a + Item9;

            [ProcessTarget]
            public static void Second(int first, int Item2)
            {
            }

            [ProcessTarget]
            public static void Members(string ToString, int GetHashCode, bool Equals, object GetType, int CompareTo, int Deconstruct)
            {
            }

            [ProcessTarget]
            public static void Fine(int Length, int Count, int Item, int Items)
            {
            }

            [ProcessTarget]
            public static ValueTask TokenNamedItem1(CancellationToken Item1, int Item2, string other) => default;

            [ProcessTarget]
            public static string Clashes(int cancellationToken, CancellationToken @default, string writer, string arguments, string result) =>
                writer + arguments + result;

            [ProcessTarget]
            public static void BaseMemberNames(int StartChild, string StartChildWithoutResult, int With, CancellationToken token)
            {
            }

            [ProcessTarget]
            public static void Run()
            {
            }

            [ProcessTarget]
            public static void RunTarget()
            {
            }

            [ProcessTarget]
            public static int BaseMemberNameWithResult(int StartChild, CancellationToken StartChildWithoutResult, int __cancellationToken) => StartChild;

            [ProcessTarget]
            public static void TupleParameter((int Item1, string Text) pair)
            {
            }

            [ProcessTarget]
            public static async Task<int> TokenOnlyWithResult(CancellationToken cancellationToken)
            {
                await Task.Delay(1, cancellationToken);
                return 1;
            }
        }
        """;

    /// <summary>Caller-info parameters, and defaults declared by attributes (a DateTime has no C# literal).</summary>
    public const string CallerInfoAndAttributeDefaults = """
        using System;
        using System.Runtime.CompilerServices;
        using System.Runtime.InteropServices;
        using Multiprocessing;

        namespace Demo;

        public static partial class Audit
        {
            [ProcessTarget]
            public static string Log(int value, [CallerMemberName] string member = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0, [CallerArgumentExpression("value")] string expression = "") => member;

            [ProcessTarget]
            public static long At([Optional, DateTimeConstant(630822816000000000)] DateTime when, [Optional, DecimalConstant(2, 0, 0u, 0u, 150u)] decimal rate, int required) => when.Ticks;
        }
        """;

    /// <summary>An obsolete-as-error target taking an obsolete-as-error type, and an experimental target of an experimental type.</summary>
    public const string DeprecatedTargets = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics.CodeAnalysis;
        using Multiprocessing;

        namespace Demo;

        [Obsolete("use Mode", true)]
        public enum OldMode { Fast, Slow }

        [Experimental("DEMO001")]
        public enum Shape { Round, Square }

        public static partial class Legacy
        {
            [ProcessTarget]
            [Obsolete("use Measure2", true)]
            public static int Measure(OldMode mode, List<OldMode> modes) => modes.Count;

            [ProcessTarget]
            [Experimental("DEMO002")]
            public static Shape Reshape(Shape shape) => shape;
        }
        """;

    /// <summary>Valid inputs by name, for the "generated code compiles" tests.</summary>
    public static IEnumerable<object[]> ValidInputs =>
    [
        [nameof(VoidWithSeveralParameters), VoidWithSeveralParameters],
        [nameof(Square), Square],
        [nameof(AsyncTask), AsyncTask],
        [nameof(TaskOfString), TaskOfString],
        [nameof(ValueTaskOfInt), ValueTaskOfInt],
        [nameof(Defaults), Defaults],
        [nameof(NestedTypesAndRecords), NestedTypesAndRecords],
        [nameof(RecordArgument), RecordArgument],
        [nameof(GlobalNamespace), GlobalNamespace],
        [nameof(KeywordParameters), KeywordParameters],
        [nameof(InternalTargets), InternalTargets],
        [nameof(UnsortedTargets), UnsortedTargets],
        [nameof(OtherContainingTypes), OtherContainingTypes],
        [nameof(SerializerShapes), SerializerShapes],
        [nameof(CancellationTokenOnly), CancellationTokenOnly],
        [nameof(CancellationTokenAmongParameters), CancellationTokenAmongParameters],
        [nameof(ReservedTupleNames), ReservedTupleNames],
        [nameof(ZeroParametersWithResult), ZeroParametersWithResult],
        [nameof(ArgumentTupleCorners), ArgumentTupleCorners],
        [nameof(NineParameters), NineParameters],
        [nameof(CallerInfoAndAttributeDefaults), CallerInfoAndAttributeDefaults],
        [nameof(DeprecatedTargets), DeprecatedTargets],
    ];
}
