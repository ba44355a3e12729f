using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Multiprocessing.Roslyn.Tests.Infrastructure;
using Multiprocessing.SourceGeneration;
using Multiprocessing.SourceGeneration.Helpers;
using Multiprocessing.SourceGeneration.Model;

namespace Multiprocessing.Roslyn.Tests.Generator;

/// <summary>
/// Model equality (STYLE.md 1.2, System.Text.Json's incremental tests): the pipeline caches only if the same source
/// gives equal models, equivalent source gives equal models, and any change the output depends on gives a different one.
/// </summary>
[TestClass]
public sealed class ProcessTargetGeneratorModelTests
{
    [TestMethod]
    [DynamicData(nameof(GeneratorTestSources.ValidInputs), typeof(GeneratorTestSources))]
    public void SameSourceParsedTwice_GivesEqualButDistinctModels(string name, string source)
    {
        var first = Targets(source);
        var second = Targets(source);

        Assert.IsNotEmpty(first, name);
        Assert.HasCount(first.Length, second);
        for (int i = 0; i < first.Length; i++)
        {
            Assert.AreNotSame(first[i], second[i], name);
            Assert.AreEqual(first[i], second[i], name);
            Assert.AreEqual(first[i].GetHashCode(), second[i].GetHashCode(), $"{name}: {first[i].Id}");
            Assert.AreEqual(first[i].Parameters, second[i].Parameters, name);
            Assert.AreEqual(first[i].ContainingTypes, second[i].ContainingTypes, name);
        }
    }

    [TestMethod]
    public void SameSourceParsedTwice_GivesEqualTables()
    {
        var first = Table(GeneratorTestSources.UnsortedTargets);
        var second = Table(GeneratorTestSources.UnsortedTargets);

        Assert.AreNotSame(first, second);
        Assert.AreEqual(first, second);
        Assert.AreEqual(first.GetHashCode(), second.GetHashCode());
    }

    [TestMethod]
    public void EquivalentSource_GivesEqualModels()
    {
        const string original = """
            using Multiprocessing;

            namespace Demo;

            public static partial class Workers
            {
                [ProcessTarget]
                public static void Work(string name, int seconds)
                {
                    System.Console.WriteLine(name);
                }

                [ProcessTarget]
                public static int Square(int n) => n * n;
            }
            """;
        const string equivalent = """
            using System;
            using Multiprocessing;
            using Text = System.String;

            namespace Demo
            {
                // Reordered, reformatted, other bodies, an alias and an attribute spelled in full.
                public static partial class Workers
                {
                    [Multiprocessing.ProcessTargetAttribute] public static Int32 Square(Int32 n) { return checked(n * n); }

                    [ProcessTarget()]
                    public static void Work(Text name, int seconds) => Console.WriteLine(name + seconds);
                }
            }
            """;

        var first = Targets(original).OrderBy(static t => t.Id, StringComparer.Ordinal).ToArray();
        var second = Targets(equivalent).OrderBy(static t => t.Id, StringComparer.Ordinal).ToArray();

        CollectionAssert.AreEqual(first, second);
        Assert.AreEqual(Table(original), Table(equivalent));
    }

    [TestMethod]
    [DataRow("Square(int n)", "Square(long n)", DisplayName = "parameter type")]
    [DataRow("Square(int n)", "Square(int value)", DisplayName = "parameter name")]
    [DataRow("Square(int n)", "Square(int n = 2)", DisplayName = "default value")]
    [DataRow("Square(int n)", "Square(int n, int m)", DisplayName = "parameter count")]
    [DataRow("Square(int n)", "Square(int n, System.Threading.CancellationToken token)", DisplayName = "cancellation token added")]
    [DataRow("Square(int n)", "Square(int n, System.Threading.CancellationToken token = default)", DisplayName = "defaulted cancellation token added")]
    [DataRow("static int Square", "static long Square", DisplayName = "result type")]
    [DataRow("public static int Square", "internal static int Square", DisplayName = "accessibility")]
    [DataRow("namespace Demo;", "namespace Demo.Other;", DisplayName = "namespace")]
    [DataRow("partial class Workers", "partial class Jobs", DisplayName = "containing type")]
    public void SignatureChange_GivesADifferentModel(string before, string after)
    {
        const string source = """
            using Multiprocessing;

            namespace Demo;

            public static partial class Workers
            {
                [ProcessTarget]
                public static int Square(int n) => n * n;
            }
            """;
        Assert.Contains(before, source);

        var original = Targets(source).Single();
        var changed = Targets(source.Replace(before, after)).Single();

        Assert.AreNotEqual(original, changed);
    }

    [TestMethod]
    public void ParsedModel_HoldsWhatTheEmitterNeeds()
    {
        var spec = Targets(GeneratorTestSources.NestedTypesAndRecords).Single(static t => t.MethodName == "Run");

        Assert.AreEqual("TestProject:Demo.Nested.Outer.Inner.Run", spec.Id);
        Assert.AreEqual("Outer.Inner.Run", spec.DisplayName);
        Assert.AreEqual("Demo.Nested", spec.Namespace);
        CollectionAssert.AreEqual(
            new[] { new ContainingTypeSpec("class", "Outer"), new ContainingTypeSpec("struct", "Inner") },
            spec.ContainingTypes.ToArray());
        Assert.AreEqual("global::Demo.Nested.Outer.Inner", spec.ContainingTypeName);
        Assert.AreEqual("public", spec.Accessibility);
        Assert.AreEqual(ResultShape.Void, spec.Shape);
        Assert.IsNull(spec.ResultType);
        Assert.AreEqual("Demo.Nested.Outer.Inner.Run.g.cs", spec.HintName);
        Assert.AreEqual("global::Demo.Nested.Outer.Inner.Targets.RunTarget", spec.DescriptorTypeFullName);
        Assert.AreEqual(0, spec.SerializedCount);
        Assert.AreEqual("void", spec.DeclaredReturnType);
    }

    [TestMethod]
    public void DescriptorClassNames_StepAsideForATargetOfThatName()
    {
        var specs = Targets(GeneratorTestSources.ArgumentTupleCorners);

        Assert.AreEqual("RunTarget_", specs.Single(static t => t.MethodName == "Run").DescriptorTypeName, "the field of target RunTarget is Targets.RunTarget");
        Assert.AreEqual("RunTargetTarget", specs.Single(static t => t.MethodName == "RunTarget").DescriptorTypeName);
        Assert.AreEqual("EightTarget", specs.Single(static t => t.MethodName == "Eight").DescriptorTypeName);
    }

    [TestMethod]
    public void ResultShapes_AreRecognised()
    {
        const string source = """
            using System.Threading.Tasks;
            using Multiprocessing;

            namespace Demo;

            public static partial class Shapes
            {
                [ProcessTarget] public static void A() { }
                [ProcessTarget] public static int B() => 1;
                [ProcessTarget] public static Task C() => Task.CompletedTask;
                [ProcessTarget] public static Task<string> D() => Task.FromResult("");
                [ProcessTarget] public static ValueTask E() => default;
                [ProcessTarget] public static ValueTask<long> F() => default;
            }
            """;
        var shapes = Targets(source).ToDictionary(static t => t.MethodName, static t => (t.Shape, t.ResultType));

        Assert.AreEqual((ResultShape.Void, (string?)null), shapes["A"]);
        Assert.AreEqual((ResultShape.Value, (string?)"int"), shapes["B"]);
        Assert.AreEqual((ResultShape.Task, (string?)null), shapes["C"]);
        Assert.AreEqual((ResultShape.TaskOfT, (string?)"string"), shapes["D"]);
        Assert.AreEqual((ResultShape.ValueTask, (string?)null), shapes["E"]);
        Assert.AreEqual((ResultShape.ValueTaskOfT, (string?)"long"), shapes["F"]);
    }

    [TestMethod]
    public void CancellationTokenParameters_AreMarkedAndLeftOutOfTheArguments()
    {
        var specs = Targets(GeneratorTestSources.CancellationTokenAmongParameters).ToDictionary(static t => t.MethodName);
        const string token = "global::System.Threading.CancellationToken";

        var compute = specs["Compute"];
        CollectionAssert.AreEqual(
            new[] { new ParameterSpec("n", "int", null, false), new ParameterSpec("token", token, null, true), new ParameterSpec("label", "string", null, false) },
            compute.Parameters.ToArray());
        CollectionAssert.AreEqual(new[] { "n", "label" }, compute.SerializedParameters.Select(static p => p.Name).ToArray());
        Assert.AreEqual("(int n, string label)", compute.ArgumentsType);
        Assert.AreEqual((ResultShape.TaskOfT, (string?)"int"), (compute.Shape, compute.ResultType));
        Assert.AreEqual("int", compute.ResultTypeOrUnit);

        var poll = specs["Poll"];
        CollectionAssert.AreEqual(
            new[] { new ParameterSpec("ct", token, "default", true), new ParameterSpec("attempts", "int", "3", false) },
            poll.Parameters.ToArray());
        Assert.AreEqual("int", poll.ArgumentsType);
        Assert.AreEqual("string", poll.ResultTypeOrUnit);

        var wait = Targets(GeneratorTestSources.CancellationTokenOnly).Single();
        Assert.IsTrue(wait.Parameters.Single().IsCancellationToken);
        Assert.IsEmpty(wait.SerializedParameters);
        Assert.AreEqual("global::System.ValueTuple", wait.ArgumentsType);
        Assert.AreEqual("global::System.ValueTuple", wait.ResultTypeOrUnit);
    }

    [TestMethod]
    public void CancellationToken_NeedsNoSerializerFormatter()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Threading;
            using Multiprocessing;

            namespace Demo;

            public static partial class Workers
            {
                [ProcessTarget]
                public static void Run(List<int> items, CancellationToken cancellationToken)
                {
                }
            }
            """;
        var spec = Targets(source).Single();

        CollectionAssert.AreEqual(
            new[] { new FormatterSpec("global::System.Collections.Generic.List<int>", "global::MemoryPack.Formatters.ListFormatter<int>") },
            spec.Formatters.ToArray());
    }

    [TestMethod]
    public void ChannelOfACollection_RegistersTheItemFormatterBeforeTheChannel()
    {
        const string source = """
            using System.Collections.Generic;
            using Multiprocessing;

            namespace Demo;

            public static partial class Workers
            {
                [ProcessTarget]
                public static void Consume(ProcessQueue<List<int>> queue)
                {
                }
            }
            """;
        var spec = Targets(source).Single();

        // The queue registers its own formatter (it travels by name); its items are serialized too, so they need theirs.
        CollectionAssert.AreEqual(
            new[]
            {
                new FormatterSpec("global::System.Collections.Generic.List<int>", "global::MemoryPack.Formatters.ListFormatter<int>"),
                new FormatterSpec("global::Multiprocessing.ProcessQueue<global::System.Collections.Generic.List<int>>", null),
            },
            spec.Formatters.ToArray());
    }

    [TestMethod]
    [DataRow("", "global::System.ValueTuple", DisplayName = "no parameters")]
    [DataRow("int n", "int", DisplayName = "one parameter")]
    [DataRow("string? text", "string?", DisplayName = "one nullable parameter")]
    [DataRow("(int A, string B) pair", "(int A, string B)", DisplayName = "one tuple parameter")]
    [DataRow("int n, string? text", "(int n, string? text)", DisplayName = "several parameters: named")]
    [DataRow("string @class, int @int", "(string @class, int @int)", DisplayName = "keyword names stay escaped")]
    [DataRow("int Item1, int b", "(int, int)", DisplayName = "Item1: no names")]
    [DataRow("int a, int Item2", "(int, int)", DisplayName = "Item2: no names")]
    [DataRow("int a, int Rest", "(int, int)", DisplayName = "Rest: no names")]
    [DataRow("int a, int ToString", "(int, int)", DisplayName = "a ValueTuple member: no names")]
    [DataRow("int Item, int Items", "(int Item, int Items)", DisplayName = "Item without a digit: named")]
    [DataRow("System.Threading.CancellationToken ct", "global::System.ValueTuple", DisplayName = "only a token")]
    [DataRow("System.Threading.CancellationToken ct, int n", "int", DisplayName = "a token and one parameter")]
    [DataRow("int n, System.Threading.CancellationToken ct, string s", "(int n, string s)", DisplayName = "a token among parameters")]
    [DataRow("System.Threading.CancellationToken Item1, int Item2, int b", "(int, int)", DisplayName = "a token named Item1 among reserved names")]
    [DataRow("System.Threading.CancellationToken Rest, int a, int b", "(int a, int b)", DisplayName = "only the token has a reserved name")]
    public void ArgumentsType_FollowsTheSerializedParameters(string parameters, string expected)
    {
        string source = $$"""
            using Multiprocessing;

            namespace Demo;

            public static partial class Workers
            {
                [ProcessTarget]
                public static void Run({{parameters}})
                {
                }
            }
            """;

        Assert.AreEqual(expected, Targets(source).Single().ArgumentsType);
    }

    [TestMethod]
    public void EquatableArray_ComparesByElements()
    {
        var first = new[] { new ParameterSpec("a", "int", null, false), new ParameterSpec("b", "string", "\"x\"", false) }.ToEquatableArray();
        var second = new[] { new ParameterSpec("a", "int", null, false), new ParameterSpec("b", "string", "\"x\"", false) }.ToEquatableArray();
        var reordered = new[] { second[1], second[0] }.ToEquatableArray();

        Assert.AreEqual(first, second);
        Assert.AreEqual(first.GetHashCode(), second.GetHashCode());
        Assert.AreNotEqual(first, reordered);
        Assert.AreEqual(default(EquatableArray<ParameterSpec>), new EquatableArray<ParameterSpec>(ImmutableArray<ParameterSpec>.Empty));
        Assert.AreEqual(default(EquatableArray<ParameterSpec>).GetHashCode(), Array.Empty<ParameterSpec>().ToEquatableArray().GetHashCode());
        Assert.IsEmpty(default(EquatableArray<ParameterSpec>));
    }

    /// <summary>The valid targets' models, in the pipeline's order, from a fresh compilation and a fresh driver.</summary>
    private static TargetSpec[] Targets(string source) =>
        [.. GeneratorTestHelper.StepOutputs(Run(source), TrackingNames.RemoveInvalid).Select(static o => (TargetSpec)o.Value)];

    private static TableSpec Table(string source) =>
        (TableSpec)GeneratorTestHelper.StepOutputs(Run(source), TrackingNames.BuildTable).Single().Value;

    private static GeneratorRunResult Run(string source) =>
        GeneratorTestHelper.CreateTrackingDriver()
            .RunGenerators(GeneratorTestHelper.CreateCompilation(source))
            .GetRunResult().Results.Single();
}
