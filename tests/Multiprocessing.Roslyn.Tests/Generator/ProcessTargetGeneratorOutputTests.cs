using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Multiprocessing.Roslyn.Tests.Infrastructure;

namespace Multiprocessing.Roslyn.Tests.Generator;

/// <summary>
/// What the generated code is, beyond its exact text: it compiles with the input, it is usable from user code, one
/// file per target, and the generator never fails or reports anything (the analyzer reports invalid targets).
/// </summary>
[TestClass]
public sealed class ProcessTargetGeneratorOutputTests
{
    [TestMethod]
    [DynamicData(nameof(GeneratorTestSources.ValidInputs), typeof(GeneratorTestSources))]
    public void ValidTargets_GeneratedCodeCompilesWithoutDiagnostics(string name, string source)
    {
        var (output, generatorDiagnostics, result) = GeneratorTestHelper.RunGenerator(GeneratorTestHelper.CreateCompilation(source));

        Assert.IsNull(result.Exception, $"{name}: {result.Exception}");
        Assert.IsEmpty(generatorDiagnostics, $"{name}: {GeneratorTestHelper.Describe(generatorDiagnostics)}");
        Assert.IsNotEmpty(result.GeneratedSources, name);
        AssertCompilesCleanly(output, name);
    }

    [TestMethod]
    public void GeneratedCode_IsUsableFromUserCode()
    {
        // The descriptors' public surface as DESIGN.md shows it: typed Start stubs, named and defaulted arguments, With(options).
        const string usage = """
            using System.Threading.Tasks;
            using Multiprocessing;

            namespace Demo;

            public static class Usage
            {
                public static async Task RunAsync()
                {
                    using ChildProcess work = Workers.Targets.Work.Start("Worker-1", 2, 0.5);
                    using ChildProcess<int> square = Workers.Targets.Square.Start(7);
                    using ChildProcess configured = Settings.Targets.Configure.Start();
                    using ChildProcess named = Settings.Targets.Configure.Start(label: "x", mode: Mode.Slow, note: null);
                    ProcessTarget descriptor = Workers.Targets.Square;
                    Workers.Targets.SquareTarget again = Workers.Targets.Square;
                    string id = descriptor.Id;
                    await work.JoinAsync();
                }
            }
            """;
        const string square = """
            using Multiprocessing;

            namespace Demo;

            public static partial class Workers
            {
                [ProcessTarget]
                public static int Square(int n) => n * n;
            }
            """;
        var (output, diagnostics, _) = GeneratorTestHelper.RunGenerator(GeneratorTestHelper.CreateCompilation(
            GeneratorTestSources.VoidWithSeveralParameters, square, GeneratorTestSources.Defaults, usage));

        Assert.IsEmpty(diagnostics);
        AssertCompilesCleanly(output, nameof(GeneratedCode_IsUsableFromUserCode));
    }

    [TestMethod]
    public void TypedDescriptors_AreUsableWithTheProcessPool()
    {
        // Descriptors are ProcessTarget<TArgs, TResult>: the pool infers both from the descriptor, several parameters go
        // as a (named) tuple, none as ValueTuple, and a CancellationToken parameter is not part of TArgs.
        const string usage = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Multiprocessing;
            using Multiprocessing.Serialization;

            namespace Demo;

            public static class PoolUsage
            {
                public static async Task RunAsync(CancellationToken cancellationToken)
                {
                    await using var pool = new ProcessPool(2);
                    int[] squares = await pool.MapAsync(Workers.Targets.Square, [1, 2, 3]);
                    ValueTuple[] worked = await pool.StarMapAsync(Workers.Targets.Work, [("Worker-1", 2, 0.5), ("Worker-2", 1, 1.5)]);
                    int[] computed = await pool.StarMapAsync(Waiters.Targets.Compute, [(1, "a"), (2, "bb")], cancellationToken: cancellationToken);
                    int answer = await pool.ApplyAsync(Oracle.Targets.Answer, default);
                    string polled = pool.Apply(Waiters.Targets.Poll, 3);
                    int swapped = pool.Apply(Tuples.Targets.Swap, (1, "x"));
                    ValueTuple waited = await pool.ApplyAsync(Waiters.Targets.Wait, default, cancellationToken);
                    await foreach (int square in pool.MapStreamAsync(Workers.Targets.Square, [4, 5]))
                    {
                        Console.WriteLine(square);
                    }

                    ProcessTarget<(string name, int seconds, double factor), ValueTuple> work = Workers.Targets.Work;
                    ProcessTarget<(int n, string label), int> compute = Waiters.Targets.Compute;
                    ProcessTarget<(int, string), int> swap = Tuples.Targets.Swap;
                    ProcessTarget<ValueTuple, int> oracle = Oracle.Targets.Answer;
                    ProcessTarget<ValueTuple, ValueTuple> wait = Waiters.Targets.Wait;
                    ProcessTarget<int, string> poll = Waiters.Targets.Poll.With(new ProcessOptions());
                    var writer = new ArgumentWriter();
                    work.WriteArguments(writer, (name: "w", seconds: 1, factor: 2.0));
                    compute.WriteArguments(writer, (n: 4, label: "four"));
                    swap.WriteArguments(writer, (1, "x"));
                    oracle.WriteArguments(writer, default);
                    wait.WriteArguments(writer, default);
                    poll.WriteArguments(writer, 3);
                }
            }
            """;
        var (output, diagnostics, _) = GeneratorTestHelper.RunGenerator(GeneratorTestHelper.CreateCompilation(
            GeneratorTestSources.VoidWithSeveralParameters,
            GeneratorTestSources.Square,
            GeneratorTestSources.CancellationTokenOnly,
            GeneratorTestSources.CancellationTokenAmongParameters,
            GeneratorTestSources.ReservedTupleNames,
            GeneratorTestSources.ZeroParametersWithResult,
            usage));

        Assert.IsEmpty(diagnostics);
        AssertCompilesCleanly(output, nameof(TypedDescriptors_AreUsableWithTheProcessPool));
    }

    [TestMethod]
    public void StartStubs_KeepTheCancellationTokenParameter()
    {
        const string usage = """
            using System.Threading;
            using System.Threading.Tasks;
            using Multiprocessing;

            namespace Demo;

            public static class StartUsage
            {
                public static async Task RunAsync(CancellationToken cancellationToken)
                {
                    using ChildProcess waiting = Waiters.Targets.Wait.Start(cancellationToken);
                    using ChildProcess<int> computing = Waiters.Targets.Compute.Start(5, cancellationToken, "five");
                    using ChildProcess<int> named = Waiters.Targets.Compute.Start(label: "x", n: 1, token: CancellationToken.None);
                    using ChildProcess<string> polling = Waiters.Targets.Poll.Start();
                    using ChildProcess<string> pollingWithToken = Waiters.Targets.Poll.Start(cancellationToken, attempts: 5);
                    using ChildProcess<int> answering = Oracle.Targets.Answer.Start();
                    using ChildProcess<int> swapping = Tuples.Targets.Swap.Start(Item1: 1, Rest: "x");
                    int computed = await computing;
                    await waiting.JoinAsync();
                }
            }
            """;
        var (output, diagnostics, result) = GeneratorTestHelper.RunGenerator(GeneratorTestHelper.CreateCompilation(
            GeneratorTestSources.CancellationTokenOnly,
            GeneratorTestSources.CancellationTokenAmongParameters,
            GeneratorTestSources.ReservedTupleNames,
            GeneratorTestSources.ZeroParametersWithResult,
            usage));

        Assert.IsEmpty(diagnostics);
        AssertCompilesCleanly(output, nameof(StartStubs_KeepTheCancellationTokenParameter));
        foreach (var (hintName, text) in GeneratorTestHelper.GeneratedTexts(result))
        {
            // never serialized: not written, read, nor among the argument types of the descriptor's base
            Assert.DoesNotContain("Write<global::System.Threading.CancellationToken>", text, hintName);
            Assert.DoesNotContain("Read<global::System.Threading.CancellationToken>", text, hintName);
            foreach (string line in text.Split('\n').Where(static l => l.TrimStart().StartsWith("public sealed class", StringComparison.Ordinal)))
            {
                Assert.DoesNotContain("CancellationToken", line, $"{hintName}: a CancellationToken is never serialized.");
            }
        }
    }

    [TestMethod]
    [DynamicData(nameof(GeneratorTestSources.ValidInputs), typeof(GeneratorTestSources))]
    public void Descriptors_MatchTheirTargetsSignature(string name, string source)
    {
        // Checked on symbols, not text: Start has the target's parameters (defaults included), the descriptor derives
        // (directly, or through the shared base for its argument count) from ProcessTarget<TArgs, TResult> with TArgs the
        // serialized parameters' type(s) and TResult the unwrapped result, and its class or a base implements
        // WriteArguments for TArgs and the child's Invoke.
        var (output, _, _) = GeneratorTestHelper.RunGenerator(GeneratorTestHelper.CreateCompilation(source));
        var processTarget = output.GetTypeByMetadataName("Multiprocessing.ProcessTarget`2")!;
        var cancellationToken = output.GetTypeByMetadataName("System.Threading.CancellationToken")!;
        var valueTuple = output.GetTypeByMetadataName("System.ValueTuple")!;
        var abstractInvoke = (IMethodSymbol)output.GetTypeByMetadataName("Multiprocessing.ProcessTarget")!.GetMembers("Invoke").Single();
        var targets = output.SyntaxTrees
            .Where(static t => !t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal))
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
                .Select(m => output.GetSemanticModel(t).GetDeclaredSymbol(m)!))
            .Where(static m => m.GetAttributes().Any(static a => a.AttributeClass?.Name == "ProcessTargetAttribute"))
            .ToArray();
        Assert.IsNotEmpty(targets, name);

        foreach (var target in targets)
        {
            string label = $"{name}: {target.ContainingType.Name}.{target.Name}";
            var descriptor = (INamedTypeSymbol)target.ContainingType.GetTypeMembers("Targets").Single().GetMembers(target.Name).OfType<IFieldSymbol>().Single().Type;
            var chain = BaseTypes(descriptor).ToArray();
            var baseType = chain.Single(t => SymbolEqualityComparer.Default.Equals(processTarget, t.OriginalDefinition));

            var start = (IMethodSymbol)descriptor.GetMembers("Start").Single();
            Assert.HasCount(target.Parameters.Length, start.Parameters, label);
            for (int i = 0; i < target.Parameters.Length; i++)
            {
                var (expected, actual) = (target.Parameters[i], start.Parameters[i]);
                Assert.AreEqual(expected.Name, actual.Name, label);
                Assert.IsTrue(SymbolEqualityComparer.IncludeNullability.Equals(expected.Type, actual.Type), $"{label}: {expected.Type} vs {actual.Type}");
                Assert.AreEqual(expected.HasExplicitDefaultValue, actual.HasExplicitDefaultValue, label);
                Assert.AreEqual(expected.HasExplicitDefaultValue ? expected.ExplicitDefaultValue : null, actual.HasExplicitDefaultValue ? actual.ExplicitDefaultValue : null, label);
                Assert.AreEqual(expected.IsOptional, actual.IsOptional, label);
                CollectionAssert.AreEqual(CopiedAttributes(expected), CopiedAttributes(actual), label);
            }

            var serialized = target.Parameters.Where(p => !SymbolEqualityComparer.Default.Equals(p.Type, cancellationToken)).ToArray();
            var arguments = baseType.TypeArguments[0];
            switch (serialized.Length)
            {
                case 0:
                    Assert.IsTrue(SymbolEqualityComparer.Default.Equals(valueTuple, arguments), $"{label}: {arguments}");
                    break;
                case 1:
                    Assert.IsTrue(SymbolEqualityComparer.IncludeNullability.Equals(serialized[0].Type, arguments), $"{label}: {arguments}");
                    break;
                default:
                    Assert.IsTrue(arguments.IsTupleType, $"{label}: {arguments}");
                    var elements = ((INamedTypeSymbol)arguments).TupleElements;
                    Assert.HasCount(serialized.Length, elements, label);
                    for (int i = 0; i < serialized.Length; i++)
                    {
                        Assert.IsTrue(SymbolEqualityComparer.IncludeNullability.Equals(serialized[i].Type, elements[i].Type), $"{label}: {elements[i]}");
                        Assert.IsTrue(elements[i].Name == serialized[i].Name || elements[i].Name == $"Item{i + 1}", $"{label}: {elements[i].Name}");
                    }

                    break;
            }

            var returnType = (INamedTypeSymbol)target.ReturnType;
            var expectedResult = target.ReturnsVoid || returnType.Name is "Task" or "ValueTask" && returnType.ContainingNamespace.ToDisplayString() == "System.Threading.Tasks"
                ? returnType.TypeArguments.FirstOrDefault() ?? valueTuple
                : returnType;
            Assert.IsTrue(SymbolEqualityComparer.IncludeNullability.Equals(expectedResult, baseType.TypeArguments[1]), $"{label}: {baseType.TypeArguments[1]}");
            Assert.IsTrue(
                start.ReturnType.Name == "ChildProcess" && (SymbolEqualityComparer.Default.Equals(expectedResult, valueTuple)
                    ? ((INamedTypeSymbol)start.ReturnType).TypeArguments.IsEmpty
                    : SymbolEqualityComparer.IncludeNullability.Equals(expectedResult, ((INamedTypeSymbol)start.ReturnType).TypeArguments.Single())),
                $"{label}: {start.ReturnType}");

            var writeArguments = chain.SelectMany(static t => t.GetMembers("WriteArguments")).OfType<IMethodSymbol>().First();
            Assert.IsTrue(writeArguments.IsOverride && !writeArguments.IsAbstract, label);
            Assert.IsTrue(SymbolEqualityComparer.IncludeNullability.Equals(arguments, writeArguments.Parameters[1].Type), label);

            var invoke = chain.SelectMany(static t => t.GetMembers("Invoke")).OfType<IMethodSymbol>().First();
            Assert.IsTrue(invoke.IsOverride && !invoke.IsAbstract, label);
            Assert.IsTrue(SymbolEqualityComparer.Default.Equals(abstractInvoke, invoke.OverriddenMethod), label);
        }
    }

    /// <summary>The attributes a stub's parameter copies from its target's: declared defaults and caller info.</summary>
    private static string[] CopiedAttributes(IParameterSymbol parameter) =>
    [
        .. parameter.GetAttributes()
            .Select(static a => a.ToString()!)
            .Where(static a => a.StartsWith("System.Runtime.InteropServices.Optional", StringComparison.Ordinal) ||
                a.StartsWith("System.Runtime.InteropServices.DefaultParameterValue", StringComparison.Ordinal) ||
                a.StartsWith("System.Runtime.CompilerServices.DateTimeConstant", StringComparison.Ordinal) ||
                a.StartsWith("System.Runtime.CompilerServices.DecimalConstant", StringComparison.Ordinal) ||
                a.StartsWith("System.Runtime.CompilerServices.Caller", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal),
    ];

    private static IEnumerable<INamedTypeSymbol> BaseTypes(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            yield return t;
        }
    }

    [TestMethod]
    [DataRow("Demo.Corners+Targets+EightTarget", "(int, int, int, int, int, int, int, string)", "System.ValueTuple", DisplayName = "eight parameters: the shared base's nested tuple")]
    [DataRow("Demo.Corners+Targets+NineTarget", "(int, int, int, int, int, int, int, int, int)", "long", DisplayName = "nine parameters: a generated descriptor, Item9 at position 9: no names")]
    [DataRow("Demo.Corners+Targets+SecondTarget", "(int, int)", "System.ValueTuple", DisplayName = "Item2 at position 2: no names")]
    [DataRow("Demo.Corners+Targets+MembersTarget", "(string, int, bool, object, int, int)", "System.ValueTuple", DisplayName = "ValueTuple member names: no names")]
    [DataRow("Demo.Corners+Targets+FineTarget", "(int, int, int, int)", "System.ValueTuple", DisplayName = "several parameters: the shared base's tuple")]
    [DataRow("Demo.Corners+Targets+TokenNamedItem1Target", "(int, string)", "System.ValueTuple", DisplayName = "a token among reserved names")]
    [DataRow("Demo.Corners+Targets+ClashesTarget", "(int, string, string, string)", "string", DisplayName = "names of the generated code's own parameters")]
    [DataRow("Demo.Corners+Targets+TupleParameterTarget", "(int Item1, string Text)", "System.ValueTuple", DisplayName = "one tuple parameter: its own type")]
    [DataRow("Demo.Corners+Targets+TokenOnlyWithResultTarget", "System.ValueTuple", "int", DisplayName = "only a token, Task<int>")]
    [DataRow("Demo.Waiters+Targets+WaitTarget", "System.ValueTuple", "System.ValueTuple", DisplayName = "only a token, void")]
    [DataRow("Demo.Waiters+Targets+ComputeTarget", "(int, string)", "int", DisplayName = "a token between two parameters")]
    [DataRow("Demo.Waiters+Targets+PollTarget", "int", "string", DisplayName = "a token and one parameter")]
    [DataRow("Demo.Tuples+Targets+SwapTarget", "(int, string)", "int", DisplayName = "Item1 and Rest: no names")]
    [DataRow("Demo.Oracle+Targets+AnswerTarget", "System.ValueTuple", "int", DisplayName = "no parameters")]
    public void ArgumentsAndResultTypes_AreTheDescriptorsTypeArguments(string descriptor, string arguments, string result)
    {
        var (output, diagnostics, _) = GeneratorTestHelper.RunGenerator(GeneratorTestHelper.CreateCompilation(
            GeneratorTestSources.ArgumentTupleCorners,
            GeneratorTestSources.CancellationTokenOnly,
            GeneratorTestSources.CancellationTokenAmongParameters,
            GeneratorTestSources.ReservedTupleNames,
            GeneratorTestSources.ZeroParametersWithResult));

        Assert.IsEmpty(diagnostics);
        AssertCompilesCleanly(output, descriptor);
        var baseType = BaseTypes(output.GetTypeByMetadataName(descriptor)!)
            .Single(static t => t.OriginalDefinition.ToDisplayString() == "Multiprocessing.ProcessTarget<TArgs, TResult>");
        Assert.AreEqual(arguments, baseType.TypeArguments[0].ToDisplayString());
        Assert.AreEqual(result, baseType.TypeArguments[1].ToDisplayString());
    }

    [TestMethod]
    public void ExecutableWithTopLevelStatements_Compiles()
    {
        const string program = """
            using Multiprocessing;

            ProcessEntry.Guard();
            using var child = Demo.Workers.Targets.Work.Start("Worker-1", 2, 1.0);
            await child.JoinAsync();
            """;
        var compilation = GeneratorTestHelper.CreateCompilation(
            [GeneratorTestSources.VoidWithSeveralParameters, program], outputKind: OutputKind.ConsoleApplication);
        var (output, diagnostics, result) = GeneratorTestHelper.RunGenerator(compilation);

        Assert.IsEmpty(diagnostics);
        Assert.HasCount(2, result.GeneratedSources);
        AssertCompilesCleanly(output, nameof(ExecutableWithTopLevelStatements_Compiles));
    }

    [TestMethod]
    public void EachTarget_GetsOneFileNamedAfterNamespaceTypePathAndMethod()
    {
        var (_, _, result) = GeneratorTestHelper.RunGenerator(GeneratorTestHelper.CreateCompilation(
            GeneratorTestSources.NestedTypesAndRecords, GeneratorTestSources.GlobalNamespace));

        CollectionAssert.AreEquivalent(
            new[]
            {
                "Demo.Nested.Outer.Inner.Run.g.cs",
                "Demo.Nested.Message.Echo.g.cs",
                "Demo.Nested.Pair.Sum.g.cs",
                "GlobalWorkers.Ping.g.cs",
                "ProcessTargetTable.g.cs",
            },
            result.GeneratedSources.Select(static s => s.HintName).ToArray());
    }

    [TestMethod]
    public void GeneratedCodeAttribute_CarriesTheGeneratorAssemblyVersion()
    {
        var (_, _, result) = GeneratorTestHelper.RunGenerator(GeneratorTestHelper.CreateCompilation(GeneratorTestSources.Square));

        foreach (var source in result.GeneratedSources)
        {
            string text = source.SourceText.ToString();
            Assert.Contains(GeneratorTestHelper.GeneratedCodeAttribute, text, source.HintName);
            Assert.StartsWith("// <auto-generated/>\n", text, source.HintName);
        }
    }

    [TestMethod]
    public void TargetsInSeveralPartsOfOneType_ShareTheTargetsClass()
    {
        const string first = """
            using Multiprocessing;

            namespace Demo;

            public static partial class Workers
            {
                [ProcessTarget]
                public static void First()
                {
                }
            }
            """;
        const string second = """
            using Multiprocessing;

            namespace Demo;

            public static partial class Workers
            {
                [ProcessTarget]
                public static void Second()
                {
                }

                public static void Use() => Targets.First.Start().Dispose();
            }
            """;
        var (output, diagnostics, result) = GeneratorTestHelper.RunGenerator(GeneratorTestHelper.CreateCompilation(first, second));

        Assert.IsEmpty(diagnostics);
        Assert.HasCount(3, result.GeneratedSources);
        AssertCompilesCleanly(output, nameof(TargetsInSeveralPartsOfOneType_ShareTheTargetsClass));
    }

    [TestMethod]
    public void InvalidTargetsNextToValidOnes_OnlyValidOnesAreGenerated()
    {
        const string source = """
            using Multiprocessing;

            namespace Demo;

            public partial class Workers
            {
                [ProcessTarget]
                public static void Valid()
                {
                }

                [ProcessTarget]
                public void Instance()
                {
                }

                [ProcessTarget]
                public static void Generic<T>(T value)
                {
                }

                [ProcessTarget]
                public static void ByRef(ref int value)
                {
                }
            }

            public static class NotPartial
            {
                [ProcessTarget]
                public static void Run()
                {
                }
            }
            """;
        var (output, diagnostics, result) = GeneratorTestHelper.RunGenerator(GeneratorTestHelper.CreateCompilation(source));

        Assert.IsEmpty(diagnostics);
        CollectionAssert.AreEquivalent(
            new[] { "Demo.Workers.Valid.g.cs", "ProcessTargetTable.g.cs" },
            result.GeneratedSources.Select(static s => s.HintName).ToArray());
        string table = GeneratorTestHelper.GeneratedTexts(result)["ProcessTargetTable.g.cs"];
        Assert.Contains("\"TestProject:Demo.Workers.Valid\"", table);
        Assert.DoesNotContain("Instance", table);
        AssertCompilesCleanly(output, nameof(InvalidTargetsNextToValidOnes_OnlyValidOnesAreGenerated));
    }

    [TestMethod]
    public void AssemblyNameWithDots_GivesAValidTableName()
    {
        var compilation = GeneratorTestHelper.CreateCompilation([GeneratorTestSources.Square], assemblyName: "My.Company-Workers");
        var (output, _, result) = GeneratorTestHelper.RunGenerator(compilation);

        string table = GeneratorTestHelper.GeneratedTexts(result)["ProcessTargetTable.g.cs"];
        Assert.Contains("public static class ProcessTargetTable_My_Company_Workers", table);
        Assert.Contains("\"My.Company-Workers:Demo.Workers.Square\"", table);
        AssertCompilesCleanly(output, nameof(AssemblyNameWithDots_GivesAValidTableName));
    }

    // Inputs the generator must survive: its output compiles (or it skips the target, for the analyzer to report).

    [TestMethod]
    public void NullableEnumParameterWithDefault_Compiles()
    {
        const string source = """
            using Multiprocessing;

            namespace Demo;

            public enum Mode { Slow = -1, Normal, Fast }

            public static partial class Settings
            {
                [ProcessTarget]
                public static void Configure(Mode? fast = Mode.Fast, Mode? slow = Mode.Slow, Mode? normal = Mode.Normal, Mode? none = null)
                {
                }
            }
            """;
        AssertGeneratesCompilableCode(source, nameof(NullableEnumParameterWithDefault_Compiles));
    }

    [TestMethod]
    public void OverloadedTargets_DoNotBreakTheGenerator()
    {
        // Overloads are MP0005 (the analyzer's error); the generator must not throw, which would drop every output.
        const string source = """
            using Multiprocessing;

            namespace Demo;

            public static partial class Workers
            {
                [ProcessTarget]
                public static void Run(int value)
                {
                }

                [ProcessTarget]
                public static void Run(string value)
                {
                }

                [ProcessTarget]
                public static void Other()
                {
                }
            }
            """;
        var (output, diagnostics, result) = GeneratorTestHelper.RunGenerator(GeneratorTestHelper.CreateCompilation(source));

        Assert.IsNull(result.Exception, result.Exception?.ToString());
        Assert.IsEmpty(diagnostics, GeneratorTestHelper.Describe(diagnostics));
        Assert.IsTrue(
            result.GeneratedSources.Any(static s => s.HintName == "Demo.Workers.Other.g.cs"),
            "The target that is not overloaded must still get its descriptor.");
        AssertNoErrors(output, nameof(OverloadedTargets_DoNotBreakTheGenerator));
    }

    [TestMethod]
    public void KeywordMethodName_Compiles()
    {
        const string source = """
            using Multiprocessing;

            namespace Demo;

            public static partial class @event
            {
                [ProcessTarget]
                public static void @static(int @int)
                {
                }
            }
            """;
        AssertGeneratesCompilableCode(source, nameof(KeywordMethodName_Compiles));
    }

    [TestMethod]
    public void KeywordNamespace_Compiles()
    {
        const string source = """
            using Multiprocessing;

            namespace @class.Inner;

            public static partial class Workers
            {
                [ProcessTarget]
                public static void Run()
                {
                }
            }
            """;
        AssertGeneratesCompilableCode(source, nameof(KeywordNamespace_Compiles));
    }

    [TestMethod]
    public void FileLocalContainingType_DoesNotBreakTheBuild()
    {
        // A file-local type cannot be extended from another file: the generator must skip it (the analyzer reports it).
        const string source = """
            using Multiprocessing;

            namespace Demo;

            file static partial class Local
            {
                [ProcessTarget]
                public static void Run()
                {
                }
            }
            """;
        var (output, diagnostics, result) = GeneratorTestHelper.RunGenerator(GeneratorTestHelper.CreateCompilation(source));

        Assert.IsNull(result.Exception, result.Exception?.ToString());
        Assert.IsEmpty(diagnostics, GeneratorTestHelper.Describe(diagnostics));
        AssertNoErrors(output, nameof(FileLocalContainingType_DoesNotBreakTheBuild));
    }

    [TestMethod]
    public void PrivateTargetWithPrivateParameterType_DoesNotBreakTheBuild()
    {
        const string source = """
            using Multiprocessing;

            namespace Demo;

            public static partial class Workers
            {
                private sealed record Secret(int Value);

                [ProcessTarget]
                private static void Use(Secret secret)
                {
                }
            }
            """;
        var (output, diagnostics, result) = GeneratorTestHelper.RunGenerator(GeneratorTestHelper.CreateCompilation(source));

        Assert.IsNull(result.Exception, result.Exception?.ToString());
        Assert.IsEmpty(diagnostics, GeneratorTestHelper.Describe(diagnostics));
        AssertNoErrors(output, nameof(PrivateTargetWithPrivateParameterType_DoesNotBreakTheBuild));
    }

    private static void AssertGeneratesCompilableCode(string source, string name)
    {
        var (output, diagnostics, result) = GeneratorTestHelper.RunGenerator(GeneratorTestHelper.CreateCompilation(source));

        Assert.IsNull(result.Exception, result.Exception?.ToString());
        Assert.IsEmpty(diagnostics, GeneratorTestHelper.Describe(diagnostics));
        Assert.IsNotEmpty(result.GeneratedSources, name);
        AssertCompilesCleanly(output, name);
    }

    [TestMethod]
    public void DeprecatedTargets_GeneratedCodeCompiles_AndUserCallsStillReportTheirDiagnostics()
    {
        const string owners = """
            using System;
            using System.Diagnostics.CodeAnalysis;
            using Multiprocessing;

            namespace Demo;

            [Obsolete("use Jobs", true)]
            public static partial class OldJobs
            {
                [ProcessTarget]
                public static int Run(int n) => n;
            }

            [Experimental("DEMO003")]
            public static partial class PreviewJobs
            {
                [ProcessTarget]
                public static int Run(int n) => n;
            }

            public static partial class Jobs
            {
                [ProcessTarget]
                [Obsolete("use Run2", DiagnosticId = "DEMO004")]
                public static int Run(int n) => n;
            }
            """;
        const string usage = """
            namespace Demo;

            public static class Usage
            {
                public static object Measure() => Legacy.Targets.Measure.Start(default, []);
                public static object Reshape() => Legacy.Targets.Reshape.Start(default);
                public static object OldOwner() => OldJobs.Targets.Run.Start(1);
                public static object PreviewOwner() => PreviewJobs.Targets.Run.Start(1);
                public static object WithId() => Jobs.Targets.Run.Start(1);
            }
            """;
        var (output, diagnostics, result) = GeneratorTestHelper.RunGenerator(
            GeneratorTestHelper.CreateCompilation(GeneratorTestSources.DeprecatedTargets, owners, usage));

        Assert.IsEmpty(diagnostics);
        Assert.IsNull(result.Exception);
        var problems = GeneratorTestHelper.ErrorsAndWarnings(output);
        var usageTree = output.SyntaxTrees.Single(static t => t.FilePath == "Source2.cs");
        Assert.IsTrue(problems.All(d => d.Location.SourceTree == usageTree), GeneratorTestHelper.Describe(problems));
        CollectionAssert.AreEquivalent(
            new[] { "CS0619@5: 'Legacy.Targets.Measure' is obsolete: 'use Measure2'", "DEMO002@6", "CS0619@7: 'OldJobs' is obsolete: 'use Jobs'", "DEMO003@8", "DEMO004@9" },
            problems.Select(static d => $"{d.Id}@{d.Location.GetLineSpan().StartLinePosition.Line + 1}" +
                (d.Id == "CS0619" ? ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture) : "")).ToArray());
    }

    [TestMethod]
    public void CallerInfo_IsWhatCallsStart()
    {
        // the caller-info values a call to Start passes are its caller's, as a call to the target itself would
        const string usage = """
            using Multiprocessing;

            namespace Demo;

            public static class Usage
            {
                public static ChildProcess<string> Report()
                {
                    return Audit.Targets.Log.Start(40 + 2);
                }

                public static ChildProcess<long> At() => Audit.Targets.At.Start(required: 1);
            }
            """;
        var (output, diagnostics, _) = GeneratorTestHelper.RunGenerator(
            GeneratorTestHelper.CreateCompilation(GeneratorTestSources.CallerInfoAndAttributeDefaults, usage));

        Assert.IsEmpty(diagnostics);
        AssertCompilesCleanly(output, nameof(CallerInfo_IsWhatCallsStart));
        var tree = output.SyntaxTrees.Single(static t => t.FilePath == "Source1.cs");
        var model = output.GetSemanticModel(tree);
        var calls = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Select(i => (Microsoft.CodeAnalysis.Operations.IInvocationOperation)model.GetOperation(i)!)
            .ToDictionary(static i => i.Syntax.Ancestors().OfType<MethodDeclarationSyntax>().First().Identifier.Text);

        var passed = calls["Report"].Arguments.ToDictionary(static a => a.Parameter!.Name, static a => (a.ArgumentKind, a.Value.ConstantValue.Value));
        Assert.AreEqual((Microsoft.CodeAnalysis.Operations.ArgumentKind.DefaultValue, (object?)"Report"), passed["member"]);
        Assert.AreEqual((Microsoft.CodeAnalysis.Operations.ArgumentKind.DefaultValue, (object?)"Source1.cs"), passed["file"]);
        Assert.AreEqual((Microsoft.CodeAnalysis.Operations.ArgumentKind.DefaultValue, (object?)9), passed["line"]);
        Assert.AreEqual((Microsoft.CodeAnalysis.Operations.ArgumentKind.DefaultValue, (object?)"40 + 2"), passed["expression"]);

        var defaults = calls["At"].Arguments.Where(static a => a.ArgumentKind == Microsoft.CodeAnalysis.Operations.ArgumentKind.DefaultValue)
            .Select(static a => a.Parameter!.Name).ToArray();
        CollectionAssert.AreEqual(new[] { "when", "rate" }, defaults);
    }

    private static void AssertCompilesCleanly(Compilation output, string name)
    {
        var problems = GeneratorTestHelper.ErrorsAndWarnings(output);
        Assert.IsEmpty(problems, $"{name}:{Environment.NewLine}{GeneratorTestHelper.Describe(problems)}");
    }

    private static void AssertNoErrors(Compilation output, string name)
    {
        var errors = output.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.IsEmpty(errors, $"{name}:{Environment.NewLine}{GeneratorTestHelper.Describe(errors)}");
    }
}
