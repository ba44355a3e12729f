using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace Multiprocessing.Roslyn.Tests.Analyzers;

/// <summary>
/// Tricky cases written from the docs (docs/diagnostics), as an outside reviewer would write them: each is a small
/// program run through every analyzer after the generator (CorpusTests.AnalyzeAsync).
/// Expected diagnostics are written inline as /*!MPxxxx*/ on the line where they should appear (per docs/diagnostics).
/// "// output: exe" makes it an executable. A shared Workers class is appended unless the case declares its own.
/// </summary>
[TestClass]
public sealed partial class ProbeCases
{
    private const string SharedWorkers = """

        public static partial class Workers
        {
            [Multiprocessing.ProcessTarget] public static int Square(int n) => n * n;
            [Multiprocessing.ProcessTarget] public static void Work(string name, int seconds) { }
            [Multiprocessing.ProcessTarget] public static void Ping() { }
        }
        """;

    public static IEnumerable<object[]> Names => Cases.Keys.Select(k => new object[] { k });

    [TestMethod]
    [DynamicData(nameof(Names))]
    public async Task Probe(string name)
    {
        var source = Cases[name];
        if (!source.Contains("partial class Workers", StringComparison.Ordinal))
        {
            source += SharedWorkers;
        }

        var kind = source.Contains("// output: exe", StringComparison.Ordinal) ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
        var expected = new List<string>();
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match m in Marker().Matches(lines[i]))
            {
                expected.Add($"{m.Groups[1].Value}@{i + 1}");
            }
        }

        var actual = await CorpusTests.AnalyzeAsync(source, name + ".cs", kind);
        expected.Sort(StringComparer.Ordinal);
        actual.Sort(StringComparer.Ordinal);
        CollectionAssert.AreEqual(expected, actual, $"{name}: expected [{string.Join(" ", expected)}], got [{string.Join(" ", actual)}]");
    }

    [GeneratedRegex(@"/\*!(MP\d{4})\*/")]
    private static partial Regex Marker();

    private static readonly Dictionary<string, string> Cases = new()
    {
        // ───────────── MP0004 ─────────────
        ["A01_IEnumerableOfStream"] = """
            using System.Collections.Generic;
            using System.IO;
            using Multiprocessing;
            public static partial class Jobs
            {
                [ProcessTarget] public static void Read(IEnumerable<Stream> files) { } /*!MP0004*/
            }
            """,
        ["A02_IReadOnlyListOfFunc"] = """
            using System;
            using System.Collections.Generic;
            using Multiprocessing;
            public static partial class Jobs
            {
                [ProcessTarget] public static void Run(IReadOnlyList<Func<int>> steps) { } /*!MP0004*/
            }
            """,
        ["A03_IListOfTask_ISetOfSocket_ICollectionOfCts"] = """
            using System.Collections.Generic;
            using System.Net.Sockets;
            using System.Threading;
            using System.Threading.Tasks;
            using Multiprocessing;
            public static partial class Jobs
            {
                [ProcessTarget] public static void A(IList<Task> pending) { } /*!MP0004*/
                [ProcessTarget] public static void B(ISet<Socket> sockets) { } /*!MP0004*/
                [ProcessTarget] public static void C(ICollection<CancellationTokenSource> sources) { } /*!MP0004*/
                [ProcessTarget] public static void D(IDictionary<string, Task> byName) { } /*!MP0004*/
            }
            """,
        ["A04_DictionaryOfListOfStream_Control"] = """
            using System.Collections.Generic;
            using System.IO;
            using Multiprocessing;
            public static partial class Jobs
            {
                [ProcessTarget] public static void Read(Dictionary<string, List<Stream>> files) { } /*!MP0004*/
            }
            """,
        ["A05_ResultTaskOfIEnumerableOfStream"] = """
            using System.Collections.Generic;
            using System.IO;
            using System.Threading.Tasks;
            using Multiprocessing;
            public static partial class Jobs
            {
                [ProcessTarget] public static Task<IEnumerable<Stream>> Open(string path) => null!; /*!MP0004*/
            }
            """,
        ["A06_GenericEnvelopeNested"] = """
            using System.IO;
            using MemoryPack;
            using Multiprocessing;
            [MemoryPackable]
            public partial class Envelope<T>
            {
                public T? Payload { get; set; }
            }
            public static partial class Jobs
            {
                [ProcessTarget] public static void Send(Envelope<Envelope<Stream>> message) { } /*!MP0004*/
            }
            """,
        ["A07_GenericEnvelopeTwiceInTuple"] = """
            using System.IO;
            using MemoryPack;
            using Multiprocessing;
            [MemoryPackable]
            public partial class Envelope<T>
            {
                public T? Payload { get; set; }
            }
            public static partial class Jobs
            {
                [ProcessTarget] public static void Send((Envelope<int> Header, Envelope<Stream> Body) message) { } /*!MP0004*/
            }
            """,
        ["A08_GenericEnvelopeSingle_Control"] = """
            using System.IO;
            using MemoryPack;
            using Multiprocessing;
            [MemoryPackable]
            public partial class Envelope<T>
            {
                public T? Payload { get; set; }
            }
            public static partial class Jobs
            {
                [ProcessTarget] public static void Send(Envelope<Stream> message) { } /*!MP0004*/
            }
            """,
        ["A09_PositionalRecordWithStream"] = """
            using System.IO;
            using MemoryPack;
            using Multiprocessing;
            [MemoryPackable]
            public partial record Upload(string Name, Stream Data);
            public static partial class Jobs
            {
                [ProcessTarget] public static void Store(Upload upload) { } /*!MP0004*/
            }
            """,
        ["A10_RecordInitOnly_Ok"] = """
            using System;
            using System.Collections.Generic;
            using MemoryPack;
            using Multiprocessing;
            public enum Level { Low, High }
            [MemoryPackable]
            public partial record Job
            {
                public required string Name { get; init; }
                public Level Level { get; init; }
                public DateTimeOffset? Due { get; init; }
                public IReadOnlyList<int> Steps { get; init; } = Array.Empty<int>();
            }
            public static partial class Jobs
            {
                [ProcessTarget] public static Job Echo(Job job, Level? level, DayOfWeek[] days, (int A, string B) pair) => job;
            }
            """,
        ["A11_RecordStructWithString_NoAttribute"] = """
            using Multiprocessing;
            public readonly record struct Money(decimal Amount, string Currency);
            public readonly record struct Point(int X, int Y);
            public static partial class Jobs
            {
                [ProcessTarget] public static void Pay(Money money) { } /*!MP0004*/
                [ProcessTarget] public static void Move(Point point) { }
            }
            """,
        ["A12_NullableOfManagedStruct"] = """
            using Multiprocessing;
            public struct Label { public string Text; }
            public static partial class Jobs
            {
                [ProcessTarget] public static void Tag(Label? label) { } /*!MP0004*/
            }
            """,
        ["A13_TupleWithTask"] = """
            using System.Threading.Tasks;
            using Multiprocessing;
            public static partial class Jobs
            {
                [ProcessTarget] public static void Track((int Count, Task Pending) state) { } /*!MP0004*/
                [ProcessTarget] public static (int, System.Action) Make() => default; /*!MP0004*/
            }
            """,
        ["A14_InheritedSocketMember"] = """
            using System.Net.Sockets;
            using MemoryPack;
            using Multiprocessing;
            public class Base { public Socket? Connection { get; set; } }
            [MemoryPackable]
            public partial class Derived : Base { public int Id { get; set; } }
            public static partial class Jobs
            {
                [ProcessTarget] public static void Use(Derived d) { } /*!MP0004*/
            }
            """,
        ["A15_SourceInterfaceAndAbstract"] = """
            using Multiprocessing;
            public interface IShape { double Area { get; } }
            public abstract class Shape { public abstract double Area { get; } }
            public static partial class Jobs
            {
                [ProcessTarget] public static void A(IShape s) { } /*!MP0004*/
                [ProcessTarget] public static void B(Shape s) { } /*!MP0004*/
            }
            """,
        ["A16_AbstractUnion_Ok"] = """
            using MemoryPack;
            using Multiprocessing;
            [MemoryPackable]
            [MemoryPackUnion(0, typeof(Circle))]
            public abstract partial class Shape { }
            [MemoryPackable]
            public partial class Circle : Shape { public double R { get; set; } }
            public static partial class Jobs
            {
                [ProcessTarget] public static void Draw(Shape s) { }
            }
            """,
        ["A17_DeepCollectionPath"] = """
            using System.Collections.Generic;
            using System.IO;
            using MemoryPack;
            using Multiprocessing;
            [MemoryPackable]
            public partial class Customer { public string Name { get; set; } = ""; public Stream? Photo { get; set; } }
            public static partial class Jobs
            {
                [ProcessTarget] public static void Import(List<Dictionary<string, Customer[]>> batches) { } /*!MP0004*/
            }
            """,
        ["A18_Cyclic_Ok"] = """
            using System.Collections.Generic;
            using MemoryPack;
            using Multiprocessing;
            [MemoryPackable]
            public partial class Node { public int Value { get; set; } public Node? Next { get; set; } public List<Node> Children { get; set; } = new(); }
            public static partial class Jobs
            {
                [ProcessTarget] public static Node Walk(Node root) => root;
            }
            """,
        ["A19_CyclicWithStreamDeep"] = """
            using System.Collections.Generic;
            using System.IO;
            using MemoryPack;
            using Multiprocessing;
            [MemoryPackable]
            public partial class Node { public List<Node> Children { get; set; } = new(); public Stream? Data { get; set; } }
            public static partial class Jobs
            {
                [ProcessTarget] public static void Walk(Node root) { } /*!MP0004*/
            }
            """,
        ["A20_IgnoredAndPrivate_Ok"] = """
            using System.IO;
            using MemoryPack;
            using Multiprocessing;
            [MemoryPackable]
            public partial class Doc
            {
                public string Title { get; set; } = "";
                [MemoryPackIgnore] public Stream? Cache { get; set; }
                private Stream? _handle;
                public void Close() => _handle?.Dispose();
            }
            public static partial class Jobs
            {
                [ProcessTarget] public static void Print(Doc d) { }
            }
            """,
        ["A21_FuncField_EventAndKvp"] = """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using MemoryPack;
            using Multiprocessing;
            [MemoryPackable]
            public partial class Rule { public Func<int, bool>? Predicate; }
            public static partial class Jobs
            {
                [ProcessTarget] public static void Apply(Rule r) { } /*!MP0004*/
                [ProcessTarget] public static void Cancel(KeyValuePair<string, CancellationTokenSource> pair) { } /*!MP0004*/
                [ProcessTarget] public static void Later(Lazy<System.IO.Stream> s) { } /*!MP0004*/
            }
            """,
        ["A22_ResultChildProcessAndAsyncEnumerable"] = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Multiprocessing;
            public static partial class Jobs
            {
                [ProcessTarget] public static ValueTask<ChildProcess> Spawn() => default; /*!MP0004*/
                [ProcessTarget] public static Task<IAsyncEnumerable<int>> Stream() => null!; /*!MP0004*/
            }
            """,
        ["A23_MemoryPackableStructWithCts"] = """
            using System.Threading;
            using MemoryPack;
            using Multiprocessing;
            [MemoryPackable]
            public partial struct Ticket { public int Id; public CancellationToken Token; }
            public static partial class Jobs
            {
                [ProcessTarget] public static void Handle(Ticket t, CancellationToken ct) { } /*!MP0004*/
            }
            """,
        ["A24_ImmutableArrayOfTask_ReadOnlyMemoryOfAction"] = """
            using System;
            using System.Collections.Immutable;
            using System.Threading.Tasks;
            using Multiprocessing;
            public static partial class Jobs
            {
                [ProcessTarget] public static void A(ImmutableArray<Task> t) { } /*!MP0004*/
                [ProcessTarget] public static void B(ImmutableDictionary<string, Action> t) { } /*!MP0004*/
            }
            """,
        ["A25_IEnumerableOfUserTypeWithoutContract"] = """
            using System.Collections.Generic;
            using Multiprocessing;
            public class Point { public int X { get; set; } }
            public static partial class Jobs
            {
                [ProcessTarget] public static void A(IEnumerable<Point> points) { } /*!MP0004*/
                [ProcessTarget] public static void B(IReadOnlyDictionary<string, Point> points) { } /*!MP0004*/
            }
            """,

        // ───────────── MP0007 / MP0008 ─────────────
        ["B01_TopLevel_SelectBeforeGuard"] = """
            // output: exe
            using System.Linq;
            using Multiprocessing;
            var warm = Enumerable.Range(0, 2).Select(i => Workers.Targets.Square.Start(i)).ToList(); /*!MP0006*/ /*!MP0007*/
            ProcessEntry.Guard();
            foreach (var c in warm) c.Join();
            """,
        ["B02_StaticFieldInTargetType_Select"] = """
            using System.Linq;
            using Multiprocessing;
            public static partial class Workers
            {
                public static readonly ChildProcess[] Warm = Enumerable.Range(0, 4).Select(i => Targets.Square.Start(i)).ToArray(); /*!MP0007*/
                [ProcessTarget] public static int Square(int n) => n * n;
            }
            """,
        ["B03_StaticCtor_LocalFunctionCalled"] = """
            using Multiprocessing;
            public static class Cache
            {
                static Cache()
                {
                    Warm();
                    static void Warm() => Workers.Targets.Ping.Start().Join(); /*!MP0008*/
                }
            }
            """,
        ["B04_StaticCtor_TaskRun"] = """
            using System.Threading.Tasks;
            using Multiprocessing;
            public static class Cache
            {
                static Cache()
                {
                    Task.Run(() => Workers.Targets.Ping.Start().Join()); /*!MP0008*/
                }
            }
            """,
        ["B05_StaticField_ProcessStart"] = """
            using System.Diagnostics;
            public static class Tools
            {
                public static readonly Process? Git = Process.Start("git", "status"); /*!MP0008*/
                public static readonly bool Started = new Process { StartInfo = new ProcessStartInfo("dotnet", "--info") }.Start(); /*!MP0008*/
            }
            """,
        ["B06_Main_ProcessStartBeforeGuard"] = """
            // output: exe
            using System.Diagnostics;
            using Multiprocessing;
            public static class Program
            {
                public static int Main(string[] args) /*!MP0006*/
                {
                    using var tool = Process.Start(new ProcessStartInfo("dotnet", "--info")); /*!MP0007*/
                    ProcessEntry.Guard();
                    return 0;
                }
            }
            """,
        ["B07_AsyncMain_GuardFirst_Ok"] = """
            // output: exe
            using System.Linq;
            using System.Threading.Tasks;
            using Multiprocessing;
            public static class Program
            {
                public static async Task<int> Main(string[] args)
                {
                    ProcessEntry.Guard();
                    await using var pool = new ProcessPool(workers: 2);
                    var squares = await pool.MapAsync(Workers.Targets.Square, Enumerable.Range(1, 4));
                    return squares.Sum();
                }
            }
            """,
        ["B08_PartialProgramStaticField_TopLevel"] = """
            // output: exe
            using Multiprocessing;
            ProcessEntry.Guard();
            await Program.Pool.DisposeAsync();
            public partial class Program
            {
                public static readonly ProcessPool Pool = new(2); /*!MP0007*/
            }
            """,
        ["B09_GuardInsideIf"] = """
            // output: exe
            using Multiprocessing;
            public static class Program
            {
                public static void Main(string[] args) /*!MP0006*/
                {
                    if (args.Length >= 0) ProcessEntry.Guard();
                    Workers.Targets.Ping.Start().Join();
                }
            }
            """,
        ["B10_GuardInsideTry"] = """
            // output: exe
            using System;
            using Multiprocessing;
            public static class Program
            {
                public static void Main() /*!MP0006*/
                {
                    try
                    {
                        ProcessEntry.Guard();
                        Workers.Targets.Ping.Start().Join();
                    }
                    catch (Exception e) { Console.WriteLine(e); }
                }
            }
            """,
        ["B11_UsingPoolBeforeGuard_TopLevel"] = """
            // output: exe
            using Multiprocessing;
            using (var pool = new ProcessPool(2)) /*!MP0006*/ /*!MP0007*/
            {
            }
            ProcessEntry.Guard();
            """,
        ["B12_TopLevelLocalFunctionCalledBeforeGuard"] = """
            // output: exe
            using Multiprocessing;
            var warm = StartWarmUp(); /*!MP0006*/
            ProcessEntry.Guard();
            warm.Join();
            static ChildProcess StartWarmUp() => Workers.Targets.Ping.Start(); /*!MP0007*/
            """,
        ["B13_ExpressionBodiedMain"] = """
            // output: exe
            using System.Threading.Tasks;
            using Multiprocessing;
            public static class Program
            {
                public static Task Main(string[] args) => Run(); /*!MP0006*/
                private static async Task Run() => await Workers.Targets.Ping.Start();
            }
            """,
        ["B14_StaticCtorTargetType_StoredLambda_Ok"] = """
            using System;
            using Multiprocessing;
            public static partial class Workers
            {
                public static readonly Func<ChildProcess> Later;
                static Workers() { Later = () => Targets.Ping.Start(); }
                [ProcessTarget] public static void Ping() { }
            }
            """,
        ["B15_ImmediatelyInvokedLambda_StaticField"] = """
            using System;
            using Multiprocessing;
            public static class Cache
            {
                public static readonly ChildProcess Warm = new Func<ChildProcess>(() => Workers.Targets.Ping.Start())(); /*!MP0008*/
            }
            """,
        ["B16_ModuleInitializer_ProcessStart"] = """
            using System.Diagnostics;
            using System.Runtime.CompilerServices;
            internal static class Init
            {
                [ModuleInitializer]
                internal static void Run() => Process.Start("dotnet", "--info")?.WaitForExit(); /*!MP0007*/
            }
            """,
        ["B17_AfterGuard_TopLevelAwait_Ok"] = """
            // output: exe
            using System.Linq;
            using Multiprocessing;
            ProcessEntry.Guard();
            var kids = Enumerable.Range(0, 3).Select(i => Workers.Targets.Square.Start(i)).ToList();
            foreach (var k in kids) await k;
            await using var pool = new ProcessPool(2);
            """,

        // ───────────── MP0009 ─────────────
        ["C01_GuardInTopLevelLocalFunction"] = """
            // output: exe
            using Multiprocessing;
            Init(); /*!MP0006*/
            Workers.Targets.Ping.Start().Join();
            static void Init() { ProcessEntry.Guard(); } /*!MP0009*/
            """,
        ["C02_GuardInLambdaInMain"] = """
            // output: exe
            using System;
            using Multiprocessing;
            public static class Program
            {
                public static void Main() /*!MP0006*/
                {
                    Action init = () => ProcessEntry.Guard(); /*!MP0009*/
                    init();
                    Workers.Targets.Ping.Start().Join();
                }
            }
            """,
        ["C03_GuardInStaticCtorOfProgram"] = """
            // output: exe
            using Multiprocessing;
            public static class Program
            {
                static Program() { ProcessEntry.Guard(); } /*!MP0009*/
                public static void Main() /*!MP0006*/
                {
                    Workers.Targets.Ping.Start().Join();
                }
            }
            """,

        // ───────────── MP0006 near misses ─────────────
        ["F01_TopLevelUsingLocalFunctionThenGuard_Ok"] = """
            // output: exe
            using System;
            using Multiprocessing;
            static int Twice(int x) => 2 * x;
            ProcessEntry.Guard();
            Console.WriteLine(Twice(await Workers.Targets.Square.Start(3)));
            """,
        ["F02_UsingStaticGuard_Ok"] = """
            // output: exe
            using static Multiprocessing.ProcessEntry;
            public static class Program
            {
                [System.STAThread]
                public static int Main(string[] args)
                {
                    Guard();
                    Workers.Targets.Ping.Start().Join();
                    return 0;
                }
            }
            """,
        ["F03_GlobalQualifiedGuard_AsyncTaskIntMain_Ok"] = """
            // output: exe
            using System.Threading.Tasks;
            namespace App
            {
                internal static class Program
                {
                    private static async Task<int> Main(string[] args)
                    {
                        global::Multiprocessing.ProcessEntry.Guard();
                        return await Workers.Targets.Square.Start(args.Length);
                    }
                }
            }
            """,
        ["F04_AwaitBeforeGuard"] = """
            // output: exe
            using System.Threading.Tasks;
            using Multiprocessing;
            await Task.Yield(); /*!MP0006*/
            ProcessEntry.Guard();
            await Workers.Targets.Ping.Start();
            """,

        // ───────────── MP0011 ─────────────
        ["D01_CoalesceAssignment"] = """
            using Multiprocessing;
            public static class Settings { public static string? Prefix; }
            public static class Setup { public static void Init() => Settings.Prefix ??= "x"; }
            public static partial class Jobs
            {
                [ProcessTarget] public static string Name(int n) => Settings.Prefix + n; /*!MP0011*/
            }
            """,
        ["D02_NameofIsNotARead"] = """
            using System;
            using Multiprocessing;
            public static class Settings { public static int Scale = 1; }
            public static class Setup { public static void Init(int s) => Settings.Scale = s; }
            public static partial class Jobs
            {
                [ProcessTarget] public static string Describe(int n) => nameof(Settings.Scale) + n;
            }
            """,
        ["D03_InterlockedReadInTarget"] = """
            using System.Threading;
            using Multiprocessing;
            public static class Stats { public static long Total; }
            public static class Parent { public static void Add(long n) => Interlocked.Add(ref Stats.Total, n); }
            public static partial class Jobs
            {
                [ProcessTarget] public static long Read() => Interlocked.Read(ref Stats.Total); /*!MP0011*/
            }
            """,
        ["D04_VolatileReadInTarget"] = """
            using System.Threading;
            using Multiprocessing;
            public static class Flags { public static bool Stop; }
            public static class Parent { public static void Halt() => Volatile.Write(ref Flags.Stop, true); }
            public static partial class Jobs
            {
                [ProcessTarget] public static bool Check() => Volatile.Read(ref Flags.Stop); /*!MP0011*/
            }
            """,
        ["D05_WrittenInOtherTypesStaticCtor"] = """
            using Multiprocessing;
            public static class Settings { public static int Scale = 1; }
            public static class Boot { static Boot() { Settings.Scale = 5; } public static void Touch() { } }
            public static partial class Jobs
            {
                [ProcessTarget] public static int Work(int n) => n * Settings.Scale; /*!MP0011*/
            }
            """,
        ["D06_PrivateSetterProperty_AndInstanceCtorWrite"] = """
            using Multiprocessing;
            public class Settings
            {
                public static int Scale { get; private set; } = 1;
                public static int Offset;
                public Settings(int scale) { Scale = scale; Offset = 2; }
            }
            public static partial class Jobs
            {
                [ProcessTarget] public static int Work(int n) => n * Settings.Scale + Settings.Offset; /*!MP0011*/ /*!MP0011*/
            }
            """,
        ["D07_ReadonlyCollectionMutated_DocExcluded"] = """
            using System.Collections.Generic;
            using Multiprocessing;
            public static class Registry { public static readonly List<string> Names = new(); public const int Max = 3; public static readonly int Min = 1; }
            public static class Parent { public static void Add(string n) => Registry.Names.Add(n); }
            public static partial class Jobs
            {
                [ProcessTarget] public static int Count() => Registry.Names.Count + Registry.Max + Registry.Min;
            }
            """,
        ["D08_StructFieldMemberWrite"] = """
            using Multiprocessing;
            public struct Limits { public int Max; }
            public static class Settings { public static Limits Limits; }
            public static class Parent { public static void Configure() => Settings.Limits.Max = 10; }
            public static partial class Jobs
            {
                [ProcessTarget] public static int Max() => Settings.Limits.Max; /*!MP0011*/
            }
            """,
        ["D09_TopLevelWriteAndLambdaWrite"] = """
            // output: exe
            using System;
            using Multiprocessing;
            ProcessEntry.Guard();
            Settings.Scale = args.Length;
            Array.ForEach(args, a => Settings.Verbose = a == "-v");
            Console.WriteLine(await Jobs.Targets.Work.Start(3));
            public static class Settings { public static int Scale = 1; public static bool Verbose; }
            public static partial class Jobs
            {
                [ProcessTarget] public static int Work(int n) => Settings.Verbose ? n : n * Settings.Scale; /*!MP0011*/ /*!MP0011*/
            }
            """,
        ["D10_GenericStaticAndDeconstructionIntoProperties"] = """
            using Multiprocessing;
            public static class Cache<T> { public static T? Value; }
            public static class Settings { public static int A { get; set; } public static int B { get; set; } }
            public static class Parent
            {
                public static void Set() { Cache<int>.Value = 3; (Settings.A, Settings.B) = (1, 2); }
            }
            public static partial class Jobs
            {
                [ProcessTarget] public static int Work() => Cache<int>.Value + Settings.A + Settings.B; /*!MP0011*/ /*!MP0011*/ /*!MP0011*/
            }
            """,
        ["D11_WrittenOnlyInTargetsAndOwnCctor_Ok"] = """
            using Multiprocessing;
            public static partial class Jobs
            {
                private static int s_seen;
                private static string s_name;
                static Jobs() { s_name = "jobs"; }
                [ProcessTarget] public static void Mark() { s_seen++; }
                [ProcessTarget] public static string Name() => s_name + s_seen;
            }
            """,
        ["D12_ReadInLocalFunctionOfTarget"] = """
            using Multiprocessing;
            public static class Settings { public static int Scale = 1; }
            public static class Parent { public static void Set() => Settings.Scale += 2; }
            public static partial class Jobs
            {
                [ProcessTarget] public static int Work(int n)
                {
                    return Scale();
                    int Scale() => n * Settings.Scale; /*!MP0011*/
                }
            }
            """,

        // ───────────── MP0012 ─────────────
        ["E01_SyncLambdaDropsChild"] = """
            using System.Threading.Tasks;
            public static class Runner
            {
                public static void Run() => Parallel.For(0, 4, i => Workers.Targets.Work.Start("w", i)); /*!MP0012*/
            }
            """,
        ["E02_ChildOnlyToString"] = """
            using System;
            public static class Runner
            {
                public static void Run()
                {
                    var p = Workers.Targets.Work.Start("w", 1); /*!MP0012*/
                    Console.WriteLine(p.ToString());
                    if (p.IsAlive) Console.WriteLine(p.ExitCode);
                }
            }
            """,
        ["E03_Handled_Ok"] = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Multiprocessing;
            public sealed class Runner
            {
                private ChildProcess? _background;
                private readonly List<ChildProcess> _all = new();
                public async Task RunAsync()
                {
                    using (var a = Workers.Targets.Work.Start("a", 1)) { }
                    await using var b = Workers.Targets.Work.Start("b", 1);
                    var c = Workers.Targets.Work.Start("c", 1);
                    try { } finally { c.Join(); }
                    var d = Workers.Targets.Square.Start(2);
                    var e = Workers.Targets.Square.Start(3);
                    Console.WriteLine(await d + await e);
                    _background = Workers.Targets.Work.Start("bg", 1);
                    _all.Add(Workers.Targets.Work.Start("x", 1));
                    var f = Workers.Targets.Work.Start("f", 1);
                    var g = Workers.Targets.Work.Start("g", 1);
                    await Task.WhenAll(f.JoinAsync(), g.JoinAsync());
                    await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Workers.Targets.Work.Start("h", i).JoinAsync()));
                    var h = Workers.Targets.Square.Start(4);
                    Console.WriteLine(h.GetAwaiter().GetResult());
                    var k = Workers.Targets.Work.Start("k", 1);
                    Wait(k);
                    static void Wait(ChildProcess p) => p.Join();
                }
                public static ChildProcess Spawn() => Workers.Targets.Work.Start("s", 1);
            }
            """,
        ["E04_PoolHandled_Ok"] = """
            using System;
            using System.Linq;
            using System.Threading.Tasks;
            using Multiprocessing;
            public static class Runner
            {
                public static int[] A()
                {
                    var pool = new ProcessPool(2);
                    try { return pool.Map(Workers.Targets.Square, Enumerable.Range(1, 3)); }
                    finally { pool.Dispose(); }
                }
                public static async Task<int[]> B()
                {
                    var pool = new ProcessPool(2);
                    await using (pool.ConfigureAwait(false))
                    {
                        return await pool.MapAsync(Workers.Targets.Square, Enumerable.Range(1, 3));
                    }
                }
                public static int[] C()
                {
                    ProcessPool pool = new(2);
                    using (pool) { return pool.Map(Workers.Targets.Square, new[] { 1 }); }
                }
                public static ProcessPool D() => new ProcessPool(2);
                public static async Task E()
                {
                    var pool = new ProcessPool(2);
                    pool.Close();
                    await pool.JoinAsync();
                }
            }
            """,
        ["E05_PoolUsedNeverDisposed"] = """
            using System.Linq;
            using Multiprocessing;
            public static class Runner
            {
                public static int[] A()
                {
                    ProcessPool pool = new(2); /*!MP0012*/
                    return pool.Map(Workers.Targets.Square, Enumerable.Range(1, 3));
                }
                public static int[] B() => new ProcessPool(2).Map(Workers.Targets.Square, Enumerable.Range(1, 3)); /*!MP0012*/
            }
            """,
        ["E06_WithNonDaemonOptions"] = """
            using Multiprocessing;
            public static class Runner
            {
                public static void Run()
                {
                    var p = Workers.Targets.Work.With(new ProcessOptions { Name = "named" }).Start("w", 1); /*!MP0012*/
                    System.Console.WriteLine(p.Pid);
                    _ = Workers.Targets.Work.With(new() { Daemon = true }).Start("d", 1);
                }
            }
            """,
        ["E07_ChildInDiscardInAsync"] = """
            using System.Threading.Tasks;
            public static class Runner
            {
                public static async Task Run()
                {
                    await Task.Yield();
                    _ = Workers.Targets.Work.Start("w", 1); /*!MP0012*/
                }
            }
            """,
        ["E08_ConditionalChildLocalNeverJoined"] = """
            using System;
            public static class Runner
            {
                public static void Run(bool fast)
                {
                    var p = fast ? Workers.Targets.Work.Start("a", 1) : Workers.Targets.Work.Start("b", 2); /*!MP0012*/ /*!MP0012*/
                    Console.WriteLine(p.Pid);
                }
            }
            """,
        ["E09_TopLevelPoolNotDisposed"] = """
            // output: exe
            using System;
            using System.Linq;
            using Multiprocessing;
            ProcessEntry.Guard();
            var pool = new ProcessPool(workers: 4); /*!MP0012*/
            Console.WriteLine((await pool.MapAsync(Workers.Targets.Square, Enumerable.Range(1, 10))).Sum());
            """,

        // ───────────── MP0010 ─────────────
        ["G01_SelfStartInTryAndAfterIf"] = """
            using System;
            using System.Threading.Tasks;
            using Multiprocessing;
            public static partial class Rec
            {
                [ProcessTarget] public static async Task<int> A(int n)
                {
                    try { return await Targets.A.Start(n + 1); } /*!MP0010*/
                    finally { Console.WriteLine(n); }
                }
                [ProcessTarget] public static async Task<int> B(int n)
                {
                    if (n == 0) { Console.WriteLine("zero"); }
                    return await Targets.B.With(new ProcessOptions()).Start(n - 1); /*!MP0010*/
                }
            }
            """,
        ["G02_BaseCases_Ok"] = """
            using System.Threading.Tasks;
            using Multiprocessing;
            public static partial class Rec
            {
                [ProcessTarget] public static async Task<int> Fib(int n) => n <= 1 ? n : await Targets.Fib.Start(n - 1) + await Targets.Fib.Start(n - 2);
                [ProcessTarget] public static async Task<int> Depth(int n) => n switch { 0 => 0, _ => await Targets.Depth.Start(n - 1) + 1 };
                [ProcessTarget] public static async Task<int> Guarded(int n)
                {
                    if (n <= 0) throw new System.ArgumentOutOfRangeException(nameof(n));
                    return await Targets.Guarded.Start(n - 1);
                }
            }
            """,

        // ───────────── MP0001/2/3/5/13 ─────────────
        ["H01_PrivateMiddleType"] = """
            using Multiprocessing;
            public partial class Outer
            {
                private partial class Mid
                {
                    internal static partial class Inner
                    {
                        [ProcessTarget] public static void Work() { } /*!MP0013*/
                    }
                }
            }
            """,
        ["H02_ProtectedInternalNested_Ok"] = """
            using Multiprocessing;
            public partial class Outer
            {
                protected internal static partial class Inner
                {
                    [ProcessTarget] public static void Work() { }
                }
            }
            """,
        ["H03_FileLocalType"] = """
            using Multiprocessing;
            file static partial class Hidden
            {
                [ProcessTarget] public static void Work() { } /*!MP0013*/
            }
            """,
        ["H04_StaticExplicitInterfaceImplementation"] = """
            using Multiprocessing;
            public interface IJob { static abstract void Run(); }
            public partial class Job : IJob
            {
                [ProcessTarget] static void IJob.Run() { } /*!MP0001*/
            }
            """,
        ["H05_RefReadonlyAndScopedParams"] = """
            using Multiprocessing;
            public static partial class Jobs
            {
                [ProcessTarget] public static void A(ref readonly int x) { } /*!MP0003*/
                [ProcessTarget] public static void B(params System.ReadOnlySpan<int> xs) { } /*!MP0003*/
            }
            """,
        ["H06_ExtensionMethodAndDefaults_Ok"] = """
            using Multiprocessing;
            public static partial class Jobs
            {
                [ProcessTarget] public static int Len(this string s, int extra = 2) => s.Length + extra;
            }
            """,
        ["H07_PartialStructAndRecord_Ok"] = """
            using Multiprocessing;
            public partial struct S { [ProcessTarget] public static int A(int n) => n; }
            public partial record R { [ProcessTarget] public static int A(int n) => n; }
            public partial record struct RS { [ProcessTarget] public static int A(int n) => n; }
            """,

        // ───────────── round 2 ─────────────
        ["G03_DocExampleVerbatim"] = """
            using System.Threading.Tasks;
            using Multiprocessing;
            public static partial class Rec
            {
                [ProcessTarget]
                public static async Task<int> Deeper(int n)
                {
                    return await Targets.Deeper.Start(n + 1); /*!MP0010*/
                }
            }
            """,
        ["G04_SelfStartNotInReturn"] = """
            using System;
            using System.Threading.Tasks;
            using Multiprocessing;
            public static partial class Rec
            {
                [ProcessTarget]
                public static async Task<int> Loop(int n)
                {
                    var r = await Targets.Loop.Start(n + 1); /*!MP0010*/
                    return r;
                }
                [ProcessTarget]
                public static async Task<int> Twice(int n)
                {
                    var a = Targets.Twice.Start(n); /*!MP0010*/
                    return await a + await Targets.Twice.Start(n); /*!MP0010*/
                }
            }
            """,
        ["B18_TopLevelIfBeforeGuard"] = """
            // output: exe
            using Multiprocessing;
            if (args.Length > 0) Workers.Targets.Ping.Start().Join(); /*!MP0006*/ /*!MP0007*/
            ProcessEntry.Guard();
            """,
        ["B19_StaticPropertyInitializer_ProcessStart"] = """
            using System.Diagnostics;
            public static class Tools
            {
                public static Process? Git { get; } = Process.Start("git", "status"); /*!MP0008*/
            }
            """,
        ["E10_ChildAssignedToDeclaredLocal"] = """
            using System;
            using Multiprocessing;
            public static class Runner
            {
                public static void Run()
                {
                    ChildProcess p;
                    p = Workers.Targets.Work.Start("a", 1); /*!MP0012*/
                    Console.WriteLine(p.Pid);
                }
            }
            """,
        ["E11_ChildStartedInSyncLoop"] = """
            public static class Runner
            {
                public static void Run()
                {
                    for (var i = 0; i < 3; i++)
                        Workers.Targets.Work.Start("w", i); /*!MP0012*/
                }
            }
            """,
        ["D19_InterlockedAddInTargetReadsParentValue"] = """
            using System.Threading;
            using Multiprocessing;
            public static class Stats { public static long Total; }
            public static class Parent { public static void Reset() => Stats.Total = 100; }
            public static partial class Jobs
            {
                [ProcessTarget] public static long Add(long n) => Interlocked.Add(ref Stats.Total, n); /*!MP0011*/
            }
            """,
        ["D20_OutArgumentWrite"] = """
            using Multiprocessing;
            public static class Settings { public static int Scale = 1; }
            public static class Parent { public static void Parse(string s) => int.TryParse(s, out Settings.Scale); }
            public static partial class Jobs
            {
                [ProcessTarget] public static int Work(int n) => n * Settings.Scale; /*!MP0011*/
            }
            """,
        ["A26_LiveFrameworkTypes"] = """
            using System.Threading;
            using System.Threading.Tasks;
            using Multiprocessing;
            public static partial class Jobs
            {
                [ProcessTarget] public static void A(TaskCompletionSource<int> tcs) { } /*!MP0004*/
                [ProcessTarget] public static void B(ManualResetEventSlim e) { } /*!MP0004*/
                [ProcessTarget] public static void C(System.Net.WebSockets.ClientWebSocket ws) { } /*!MP0004*/
                [ProcessTarget] public static void D(System.Data.Common.DbCommand cmd) { } /*!MP0004*/
                [ProcessTarget] public static void E(Semaphore s) { } /*!MP0004*/
                [ProcessTarget] public static void F(System.IO.FileInfo f) { } /*!MP0004*/
            }
            """,
        ["A27_ListOfGenericEnvelopes"] = """
            using System.Collections.Generic;
            using System.IO;
            using MemoryPack;
            using Multiprocessing;
            [MemoryPackable]
            public partial class Envelope<T> { public T? Payload { get; set; } }
            [MemoryPackable]
            public partial class Batch { public Envelope<int>? Header { get; set; } public List<Envelope<Stream>> Items { get; set; } = new(); }
            public static partial class Jobs
            {
                [ProcessTarget] public static void Send(Batch batch) { } /*!MP0004*/
            }
            """,
    };
}
