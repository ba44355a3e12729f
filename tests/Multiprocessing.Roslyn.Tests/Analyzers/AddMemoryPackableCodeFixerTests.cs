using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Multiprocessing.Analyzers;
using Verify = Multiprocessing.Roslyn.Tests.Infrastructure.CodeFixVerifier<
    Multiprocessing.Analyzers.Rules.CrossProcessTypeAnalyzer,
    Multiprocessing.CodeFixes.Rules.AddMemoryPackableCodeFixer>;

namespace Multiprocessing.Roslyn.Tests.Analyzers;

[TestClass]
public sealed class AddMemoryPackableCodeFixerTests
{
    private const string Why = "which has no serializer contract; mark it [MemoryPackable] and partial";

    private static DiagnosticResult MP0004(int location, int typeLocation, string what, string target, string path, string type) =>
        Verify.Diagnostic(DiagnosticDescriptors.TypeCannotCrossProcessBoundary)
            .WithLocation(location)
            .WithLocation(typeLocation)
            .WithArguments(what, target, $"'{path}' is of type '{type}', {Why}");

    [TestMethod]
    public async Task ClassInAnotherFile_GetsTheAttributePartialAndUsing()
    {
        const string workers = """
            using Multiprocessing;

            namespace Shop;

            public static partial class Workers
            {
                [ProcessTarget]
                public static decimal Total(Order {|#0:order|}) => order.Amount;
            }
            """;
        const string order = """
            namespace Shop;

            /// <summary>An order.</summary>
            public class {|#1:Order|}
            {
                public decimal Amount { get; set; }
            }
            """;
        const string fixedOrder = """
            using MemoryPack;

            namespace Shop;

            /// <summary>An order.</summary>
            [MemoryPackable]
            public partial class Order
            {
                public decimal Amount { get; set; }
            }
            """;

        await Verify.VerifyAsync([workers, order], [workers, fixedOrder], OutputKind.DynamicallyLinkedLibrary, CodeFixTestBehaviors.None, withGenerator: false,
            MP0004(0, 1, "Parameter 'order'", "Total", "Order", "Order"));
    }

    [TestMethod]
    public async Task NestedTypeInNonPartialTypes_MakesTheContainingTypesPartialToo()
    {
        const string workers = """
            using Multiprocessing;

            namespace Shop;

            public static partial class Workers
            {
                [ProcessTarget]
                public static int Ship(Outer.Middle.Order {|#0:order|}) => order.Id;
            }
            """;
        const string order = """
            namespace Shop;

            public class Outer
            {
                public partial class Middle
                {
                    public class {|#1:Order|}
                    {
                        public int Id { get; set; }
                    }
                }
            }
            """;
        const string fixedOrder = """
            using MemoryPack;

            namespace Shop;

            public partial class Outer
            {
                public partial class Middle
                {
                    [MemoryPackable]
                    public partial class Order
                    {
                        public int Id { get; set; }
                    }
                }
            }
            """;

        await Verify.VerifyAsync([workers, order], [workers, fixedOrder], OutputKind.DynamicallyLinkedLibrary, CodeFixTestBehaviors.None, withGenerator: false,
            MP0004(0, 1, "Parameter 'order'", "Ship", "Order", "Order"));
    }

    [TestMethod]
    public async Task NestedMemberType_RecordAndStructWithAttributes_FixAll()
    {
        const string source = """
            using System;
            using MemoryPack;
            using Multiprocessing;

            [MemoryPackable]
            public partial class Order
            {
                public Customer Customer { get; set; } = new("x");
                public Line[] Lines { get; set; } = [];
            }

            public record {|#1:Customer|}(string Name);

            [Serializable]
            public struct {|#3:Line|} { public string Sku; }

            public static partial class Workers
            {
                [ProcessTarget] public static void Ship(Order {|#0:order|}) { }
                [ProcessTarget] public static void Bill(Customer {|#2:customer|}, Customer {|#4:again|}) { }
            }
            """;
        const string fixedSource = """
            using System;
            using MemoryPack;
            using Multiprocessing;

            [MemoryPackable]
            public partial class Order
            {
                public Customer Customer { get; set; } = new("x");
                public Line[] Lines { get; set; } = [];
            }

            [MemoryPackable]
            public partial record Customer(string Name);

            [MemoryPackable]
            [Serializable]
            public partial struct Line { public string Sku; }

            public static partial class Workers
            {
                [ProcessTarget] public static void Ship(Order order) { }
                [ProcessTarget] public static void Bill(Customer customer, Customer again) { }
            }
            """;

        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpCodeFixTest<
            Multiprocessing.Analyzers.Rules.CrossProcessTypeAnalyzer,
            Multiprocessing.CodeFixes.Rules.AddMemoryPackableCodeFixer,
            DefaultVerifier>
        {
            ReferenceAssemblies = Infrastructure.TestReferences.Net100,
            TestCode = source,
            FixedCode = fixedSource,
            // fixing Customer lets the walk of Order go on to Lines: a second round fixes Line
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllIterations = 2,
        };
        Infrastructure.TestReferences.AddUserProjectTo(test.TestState);
        Infrastructure.TestReferences.AddUserProjectTo(test.FixedState);
        test.ExpectedDiagnostics.Add(MP0004(0, 1, "Parameter 'order'", "Ship", "Order.Customer", "Customer"));
        test.ExpectedDiagnostics.Add(MP0004(2, 1, "Parameter 'customer'", "Bill", "Customer", "Customer"));
        test.ExpectedDiagnostics.Add(MP0004(4, 1, "Parameter 'again'", "Bill", "Customer", "Customer"));
        await test.RunAsync();
    }

    [TestMethod]
    public async Task DelegateOrLiveResource_OffersNoFix()
    {
        const string source = """
            using System;
            using Multiprocessing;

            public static partial class Workers
            {
                [ProcessTarget] public static void Run(Action {|#0:callback|}) { }
            }
            """;

        await Verify.VerifyAsync(source, source,
            Verify.Diagnostic(DiagnosticDescriptors.TypeCannotCrossProcessBoundary).WithLocation(0).WithArguments(
                "Parameter 'callback'", "Run", "'Action' is a delegate: code cannot be sent to another process; pass data and let the target choose the code"));
    }
}
