using Multiprocessing.Analyzers;
using Verify = Multiprocessing.Roslyn.Tests.Infrastructure.AnalyzerVerifier<Multiprocessing.Analyzers.Rules.CrossProcessTypeAnalyzer>;

namespace Multiprocessing.Roslyn.Tests.Analyzers;

[TestClass]
public sealed class CrossProcessTypeAnalyzerTests
{
    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult MP0004(int location, string what, string target, string why) =>
        Verify.Diagnostic(DiagnosticDescriptors.TypeCannotCrossProcessBoundary).WithLocation(location).WithArguments(what, target, why);

    private const string Live = "which exists only inside this process (a live resource, not data); pass the data it stands for instead";

    // fires ----------------------------------------------------------------------------------------------------

    [TestMethod]
    public async Task MemberPathIsNamed_OrderCustomerConnection()
    {
        const string source = """
            using System.Net.Sockets;
            using MemoryPack;
            using Multiprocessing;

            [MemoryPackable]
            public partial class Order
            {
                public int Id { get; set; }
                public Customer Customer { get; set; } = new();
            }

            [MemoryPackable]
            public partial class Customer
            {
                public string Name { get; set; } = "";
                public Socket? Connection { get; set; }
            }

            public static partial class Shop
            {
                [ProcessTarget]
                public static void Ship(Order {|#0:order|}) { }
            }
            """;

        await Verify.VerifyAsync(source, MP0004(0, "Parameter 'order'", "Ship", "'Order.Customer.Connection' is a Socket, " + Live));
    }

    [TestMethod]
    public async Task LiveResourcesAsParameters_ReportMP0004()
    {
        const string source = """
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;
            using Multiprocessing;

            [MemoryPack.MemoryPackable]
            public partial class Holder { public CancellationToken Token { get; set; } }

            public static partial class Workers
            {
                [ProcessTarget] public static void A(FileStream {|#0:file|}) { }
                [ProcessTarget] public static void B(Thread {|#1:thread|}) { }
                [ProcessTarget] public static void C(Task<int> {|#2:pending|}) { }
                [ProcessTarget] public static void D(Holder {|#3:holder|}) { }
                [ProcessTarget] public static void E(Microsoft.Win32.SafeHandles.SafeFileHandle {|#4:handle|}) { }
                [ProcessTarget] public static void F(TaskCompletionSource<int> {|#5:completion|}) { }
                [ProcessTarget] public static void G(ManualResetEventSlim {|#6:signal|}) { }
                [ProcessTarget] public static void H(System.Net.WebSockets.ClientWebSocket {|#7:socket|}) { }
            }
            """;

        await Verify.VerifyAsync(
            source,
            MP0004(0, "Parameter 'file'", "A", "'FileStream' is a Stream, " + Live),
            MP0004(1, "Parameter 'thread'", "B", "'Thread' is a Thread, " + Live),
            MP0004(2, "Parameter 'pending'", "C", "'Task<int>' is a Task, " + Live),
            MP0004(3, "Parameter 'holder'", "D", "'Holder.Token' is a CancellationToken, " + Live),
            MP0004(4, "Parameter 'handle'", "E", "'SafeFileHandle' is a SafeHandle, " + Live),
            MP0004(5, "Parameter 'completion'", "F", "'TaskCompletionSource<int>' is a TaskCompletionSource, " + Live),
            MP0004(6, "Parameter 'signal'", "G", "'ManualResetEventSlim' is a ManualResetEventSlim, " + Live),
            MP0004(7, "Parameter 'socket'", "H", "'ClientWebSocket' is a WebSocket, " + Live));
    }

    [TestMethod]
    public async Task DelegatesObjectAndInterfaces_ReportMP0004()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using Multiprocessing;

            public interface IShape { double Area { get; } }

            public static partial class Workers
            {
                [ProcessTarget] public static void A(Func<int, int> {|#0:map|}) { }
                [ProcessTarget] public static void B(object {|#1:anything|}) { }
                [ProcessTarget] public static void C(IShape {|#2:shape|}) { }
                [ProcessTarget] public static void D(List<Action> {|#3:callbacks|}) { }
                [ProcessTarget] public static {|#4:object|} E() => 1;
            }
            """;

        await Verify.VerifyAsync(
            source,
            MP0004(0, "Parameter 'map'", "A", "'Func<int, int>' is a delegate: code cannot be sent to another process; pass data and let the target choose the code"),
            MP0004(1, "Parameter 'anything'", "B", "'object' is 'object': the serializer writes no type names, so it cannot tell what to create in the child; use a concrete type"),
            MP0004(2, "Parameter 'shape'", "C", "'IShape' is of interface type 'IShape', which has no known formatter: the serializer cannot tell which type to create in the child; use a concrete type, or make the interface a [MemoryPackable] union"),
            MP0004(3, "Parameter 'callbacks'", "D", "'List<Action>[]' is a delegate: code cannot be sent to another process; pass data and let the target choose the code"),
            MP0004(4, "The result", "E", "'object' is 'object': the serializer writes no type names, so it cannot tell what to create in the child; use a concrete type"));
    }

    [TestMethod]
    public async Task UserTypeWithoutContract_ReportsMP0004_InsideCollectionsAndTasks()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Multiprocessing;

            public class {|#5:Point|} { public int X { get; set; } }
            public record {|#6:Line|}(Point From, Point To);
            public struct {|#7:Named|} { public string Name; }

            public static partial class Geometry
            {
                [ProcessTarget] public static void A(Point {|#0:p|}) { }
                [ProcessTarget] public static void B(Dictionary<string, Line> {|#1:lines|}) { }
                [ProcessTarget] public static async {|#2:Task<Named>|} C() { await Task.Yield(); return default; }
                [ProcessTarget] public static void D((int Count, Point Where) {|#3:pair|}) { }
            }
            """;

        const string why = "which has no serializer contract; mark it [MemoryPackable] and partial";
        await Verify.VerifyAsync(
            source,
            MP0004(0, "Parameter 'p'", "A", $"'Point' is of type 'Point', {why}").WithLocation(5),
            MP0004(1, "Parameter 'lines'", "B", $"'Dictionary<string, Line>.Value' is of type 'Line', {why}").WithLocation(6),
            MP0004(2, "The result", "C", $"'Named' is of type 'Named', {why}").WithLocation(7),
            MP0004(3, "Parameter 'pair'", "D", $"'(int Count, Point Where).Where' is of type 'Point', {why}").WithLocation(5));
    }

    [TestMethod]
    public async Task EveryCollectionMemoryPackKnows_CrossesAndHasItsElementsChecked()
    {
        // the generic types of MemoryPackFormatterProvider's tables: accepted, and walked like any collection
        const string source = """
            using System;
            using System.Buffers;
            using System.Collections.Concurrent;
            using System.Collections.Frozen;
            using System.Collections.Immutable;
            using System.Collections.ObjectModel;
            using System.IO;
            using Multiprocessing;

            public static partial class Workers
            {
                [ProcessTarget] public static void A(IImmutableDictionary<string, decimal> prices, IImmutableSet<Guid> skus, IImmutableQueue<string> backlog, IImmutableStack<int> undo) { }
                [ProcessTarget] public static void B(Collection<int> items, ReadOnlySequence<byte> bytes) { }
                [ProcessTarget] public static IImmutableDictionary<string, IImmutableSet<int>> C(FrozenDictionary<string, int> map, FrozenSet<Guid> set) => ImmutableDictionary<string, IImmutableSet<int>>.Empty;
                [ProcessTarget] public static void D(IImmutableSet<Stream> {|#0:files|}) { }
                [ProcessTarget] public static void E(Collection<Action> {|#1:hooks|}) { }
                [ProcessTarget] public static void F(IImmutableDictionary<string, Stream> {|#2:files|}) { }
                // serializable, but a producer/consumer queue the child gets a copy of is not shared, as a Channel<T> is not
                [ProcessTarget] public static void G(BlockingCollection<string> {|#3:pending|}) { }
            }
            """;

        await Verify.VerifyAsync(
            source,
            MP0004(0, "Parameter 'files'", "D", "'IImmutableSet<Stream>[]' is a Stream, " + Live),
            MP0004(1, "Parameter 'hooks'", "E", "'Collection<Action>[]' is a delegate: code cannot be sent to another process; pass data and let the target choose the code"),
            MP0004(2, "Parameter 'files'", "F", "'IImmutableDictionary<string, Stream>.Value' is a Stream, " + Live),
            MP0004(3, "Parameter 'pending'", "G", "'BlockingCollection<string>' is a BlockingCollection, " + Live));
    }

    [TestMethod]
    public async Task GetOnlyPropertiesAreSerializedToo()
    {
        const string source = """
            using MemoryPack;
            using Multiprocessing;

            [MemoryPackable]
            public partial class Report
            {
                public int Id { get; set; }
                public object Summary => Id;
            }

            public static partial class Workers
            {
                [ProcessTarget] public static Report {|#0:Make|}() => new();
            }
            """;

        var expected = MP0004(0, "The result", "Make",
            "'Report.Summary' is 'object': the serializer writes no type names, so it cannot tell what to create in the child; use a concrete type");
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<Multiprocessing.Analyzers.Rules.CrossProcessTypeAnalyzer, Microsoft.CodeAnalysis.Testing.DefaultVerifier>
        {
            ReferenceAssemblies = Infrastructure.TestReferences.Net100,
            TestCode = source.Replace("Report {|#0:Make|}", "{|#0:Report|} Make"),
        };
        Infrastructure.TestReferences.AddUserProjectTo(test.TestState);
        test.ExpectedDiagnostics.Add(expected);
        await test.RunAsync();
    }

    [TestMethod]
    public async Task MemoryPackIncludeMakesAPrivateMemberCross()
    {
        const string source = """
            using System;
            using MemoryPack;
            using Multiprocessing;

            [MemoryPackable]
            public partial class Job
            {
                [MemoryPackInclude] private Action? _callback;
                public int Id { get; set; }
            }

            public static partial class Workers
            {
                [ProcessTarget] public static void Run(Job {|#0:job|}) { }
            }
            """;

        await Verify.VerifyAsync(source, MP0004(0, "Parameter 'job'", "Run",
            "'Job._callback' is a delegate: code cannot be sent to another process; pass data and let the target choose the code"));
    }

    [TestMethod]
    public async Task EachInstantiationOfAGenericContractIsWalked()
    {
        const string source = """
            using System.Collections.Generic;
            using System.IO;
            using MemoryPack;
            using Multiprocessing;

            [MemoryPackable]
            public partial class Envelope<T>
            {
                public T? Payload { get; set; }
            }

            [MemoryPackable]
            public partial class Batch
            {
                public Envelope<int>? Header { get; set; }
                public List<Envelope<Stream>> Items { get; set; } = new();
            }

            public static partial class Workers
            {
                [ProcessTarget] public static void A(Envelope<Envelope<Stream>> {|#0:m|}) { }
                [ProcessTarget] public static void B(Batch {|#1:b|}) { }
                [ProcessTarget] public static void C(Envelope<Envelope<int>> fine) { }
            }
            """;

        await Verify.VerifyAsync(
            source,
            MP0004(0, "Parameter 'm'", "A", "'Envelope<Envelope<Stream>>.Payload.Payload' is a Stream, " + Live),
            MP0004(1, "Parameter 'b'", "B", "'Batch.Items[].Payload' is a Stream, " + Live));
    }

    // stays silent ---------------------------------------------------------------------------------------------

    [TestMethod]
    public async Task EverythingTheSerializerKnows_IsSilent()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.Collections.Immutable;
            using System.Threading.Tasks;
            using MemoryPack;
            using Multiprocessing;

            public enum Color { Red, Green }
            public struct Vector { public double X, Y; }   // unmanaged: copied as bytes

            [MemoryPackable]
            public partial record Order(string Customer, int[] Quantities, Dictionary<string, decimal> Prices, Color Color);

            [MemoryPackable]
            public partial class Node
            {
                public int Value { get; set; }
                public Node? Next { get; set; }          // recursive: walked once
                [MemoryPackIgnore] public Action? OnChange { get; set; }
                [MemoryPackIgnore] public Func<int> Computed => () => Value;
                private object? _cache;                  // private: not serialized
            }

            public static partial class Workers
            {
                [ProcessTarget] public static string Describe(byte b, long l, double d, decimal m, bool f, char c, string? s, Guid g, DateTime t, TimeSpan span, DateTimeOffset o, nint n) => "";
                [ProcessTarget] public static int[,] Grid(int[][] jagged, List<string> words, HashSet<int> set, ImmutableArray<long> values) => new int[1, 1];
                [ProcessTarget] public static (int Sum, string Text) Pair((int A, int B) numbers, Tuple<string, string> words, KeyValuePair<string, int> kv) => default;
                [ProcessTarget] public static Order Reprice(Order order, decimal factor) => order;
                [ProcessTarget] public static Node Walk(Node node, Vector v, Color? maybe, int? count) => node;
                [ProcessTarget] public static async Task<Dictionary<string, List<Order>>> GroupAsync(IReadOnlyList<Order> orders) { await Task.Yield(); return new(); }
                [ProcessTarget] public static Task Nothing() => Task.CompletedTask;
                [ProcessTarget] public static Task Cancellable(int n, System.Threading.CancellationToken token) => Task.CompletedTask;   // the child gets a linked token
                [ProcessTarget] public static ValueTask<IEnumerable<int>> Numbers() => default;
                [ProcessTarget] public static Uri Link(Version v, System.Text.StringBuilder text) => new("http://x");

                // not targets: anything goes
                public static void Helper(Func<int> f, object o, System.IO.Stream s) { }
            }
            """;

        await Verify.VerifyAsync(source);
    }

    [TestMethod]
    public async Task TypesFromReferencedAssemblies_AreGivenTheBenefitOfTheDoubt()
    {
        const string source = """
            using Multiprocessing;

            public static partial class Workers
            {
                // a class from a referenced assembly the rule does not know: it may have a registered formatter
                [ProcessTarget] public static void A(System.Text.Json.Nodes.JsonObject json) { }
                [ProcessTarget] public static void B(System.Collections.Specialized.NameValueCollection values) { }
            }
            """;

        await Verify.VerifyAsync(source);
    }

    [TestMethod]
    public async Task ParametersMP0003Reports_AreNotReportedAgain()
    {
        const string source = """
            using System;
            using Multiprocessing;

            public static partial class Workers
            {
                [ProcessTarget] public static void A(ReadOnlySpan<byte> bytes) { }
                [ProcessTarget] public static void B(ref object o) { }
                public static void NotATarget(object o) { }
            }
            """;

        await Verify.VerifyAsync(source);
    }

    [TestMethod]
    public async Task WithoutTheRuntime_NothingIsReported()
    {
        const string source = """
            public static class Workers
            {
                public static void A(object o) { }
            }
            """;

        await Verify.VerifyAsync(source);
    }
}
