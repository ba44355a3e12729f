using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Multiprocessing.Roslyn.Tests.Infrastructure;
using Multiprocessing.SourceGeneration;
using Multiprocessing.SourceGeneration.Model;

namespace Multiprocessing.Roslyn.Tests.Generator;

/// <summary>
/// Incrementality (STYLE.md 1.2, 1.4, 2.5): the reasons every tracked step reports when the compilation is re-run
/// unchanged, grows an unrelated file, has a target's body or signature edited, or gains or loses a target.
/// </summary>
[TestClass]
public sealed class ProcessTargetGeneratorIncrementalTests
{
    private const string WorkersSource = """
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

    private const string UnrelatedSource = """
        namespace Demo;

        public sealed class Unrelated
        {
            public int Value { get; set; }
        }
        """;

    private const string OtherTargetSource = """
        using Multiprocessing;

        namespace Demo;

        public static partial class Others
        {
            [ProcessTarget]
            public static string Echo(string text) => text;
        }
        """;

    [TestMethod]
    public void TrackingNames_EveryConstantIsAStepThatRuns()
    {
        var driver = GeneratorTestHelper.CreateTrackingDriver().RunGenerators(GeneratorTestHelper.CreateCompilation(WorkersSource));
        var result = driver.GetRunResult().Results.Single();

        CollectionAssert.AreEquivalent(
            new[]
            {
                TrackingNames.ExtractTargets, TrackingNames.RemoveInvalid, TrackingNames.AssemblyName,
                TrackingNames.ReferencedTables, TrackingNames.BuildTable,
            },
            GeneratorTestHelper.AllTrackingNames.ToArray());
        foreach (string name in GeneratorTestHelper.AllTrackingNames)
        {
            Assert.IsTrue(result.TrackedSteps.ContainsKey(name), $"Step {name} was not tracked.");
        }

        AssertReasons(result, TrackingNames.ExtractTargets, IncrementalStepRunReason.New);
        AssertReasons(result, TrackingNames.BuildTable, IncrementalStepRunReason.New);
    }

    [TestMethod]
    [DynamicData(nameof(GeneratorTestSources.ValidInputs), typeof(GeneratorTestSources))]
    public void IdenticalRerun_EveryStepIsCachedOrUnchanged(string name, string source)
    {
        // The harness checks every tracking name, output equality, the object graph and the source outputs.
        var result = GeneratorTestHelper.AssertCacheable(GeneratorTestHelper.CreateCompilation(source, UnrelatedSource));

        Assert.IsNotEmpty(GeneratorTestHelper.StepOutputs(result, TrackingNames.RemoveInvalid), name);
    }

    [TestMethod]
    public void IdenticalRerunOnAClone_StepsAreCachedOrUnchanged()
    {
        var compilation = GeneratorTestHelper.CreateCompilation(WorkersSource, UnrelatedSource);
        var driver = GeneratorTestHelper.CreateTrackingDriver().RunGenerators(compilation);
        driver = driver.RunGenerators(compilation.Clone());
        var result = driver.GetRunResult().Results.Single();

        // ForAttributeWithMetadataName re-runs the transform for a new compilation: equal models make it Unchanged.
        AssertReasons(result, TrackingNames.ExtractTargets, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, TrackingNames.RemoveInvalid, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, TrackingNames.AssemblyName, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, TrackingNames.ReferencedTables, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, TrackingNames.BuildTable, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertSourceOutputsCached(result);
    }

    [TestMethod]
    public void AddingAnUnrelatedFile_DoesNotRegenerateAnything()
    {
        var compilation = GeneratorTestHelper.CreateCompilation(WorkersSource);
        var driver = GeneratorTestHelper.CreateTrackingDriver().RunGenerators(compilation);
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(Parse(UnrelatedSource, "Unrelated.cs")));
        var result = driver.GetRunResult().Results.Single();

        AssertReasons(result, TrackingNames.ExtractTargets, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, TrackingNames.RemoveInvalid, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, TrackingNames.AssemblyName, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, TrackingNames.ReferencedTables, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, TrackingNames.BuildTable, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.HasCount(2, GeneratorTestHelper.StepOutputs(result, TrackingNames.RemoveInvalid));
        AssertSourceOutputsCached(result);
    }

    [TestMethod]
    public void EditingAnUnrelatedFile_DoesNotRegenerateAnything()
    {
        var compilation = GeneratorTestHelper.CreateCompilation(WorkersSource, UnrelatedSource);
        var driver = GeneratorTestHelper.CreateTrackingDriver().RunGenerators(compilation);
        var edited = ReplaceTree(compilation, 1, UnrelatedSource.Replace("public int Value", "public long Value"));
        driver = driver.RunGenerators(edited);
        var result = driver.GetRunResult().Results.Single();

        AssertReasons(result, TrackingNames.ExtractTargets, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, TrackingNames.BuildTable, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertSourceOutputsCached(result);
    }

    [TestMethod]
    public void EditingATargetsBody_ModelIsUnchangedAndNothingIsRegenerated()
    {
        var compilation = GeneratorTestHelper.CreateCompilation(WorkersSource);
        var driver = GeneratorTestHelper.CreateTrackingDriver().RunGenerators(compilation);
        var edited = ReplaceTree(compilation, 0, WorkersSource
            .Replace("System.Console.WriteLine(name);", "System.Console.WriteLine(name + seconds);")
            .Replace("=> n * n;", "=> checked(n * n);"));
        driver = driver.RunGenerators(edited);
        var result = driver.GetRunResult().Results.Single();

        // The transform re-ran on the edited file (its input is Modified) and produced equal models.
        AssertReasons(result, TrackingNames.ExtractTargets, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, TrackingNames.RemoveInvalid, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, TrackingNames.BuildTable, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertSourceOutputsCached(result);
    }

    [TestMethod]
    public void EditingATargetsDocumentation_RegeneratesItsDescriptorOnly()
    {
        string documented = WorkersSource.Replace("    [ProcessTarget]\n    public static int Square", "    /// <summary>Squares.</summary>\n    [ProcessTarget]\n    public static int Square");
        Assert.AreNotEqual(WorkersSource, documented, "the edit applies");
        var compilation = GeneratorTestHelper.CreateCompilation(WorkersSource);
        var driver = GeneratorTestHelper.CreateTrackingDriver().RunGenerators(compilation);
        driver = driver.RunGenerators(ReplaceTree(compilation, 0, documented));
        var result = driver.GetRunResult().Results.Single();

        var reasons = GeneratorTestHelper.StepOutputs(result, TrackingNames.ExtractTargets).Select(o => o.Reason).ToList();
        CollectionAssert.AreEquivalent(new[] { IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Modified }, reasons);
        AssertReasons(result, TrackingNames.BuildTable, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        StringAssert.Contains(GeneratorTestHelper.GeneratedTexts(result)["Demo.Workers.Square.g.cs"], "/// <summary>Squares.</summary>");
    }

    [TestMethod]
    public void EditingCommentsAndWhitespace_ModelIsUnchangedAndNothingIsRegenerated()
    {
        // Members keep their order: Roslyn compares a file's outputs by position, so reordering targets reports Modified
        // even though the models are equal (ProcessTargetGeneratorModelTests covers that equality).
        const string reformatted = """
            using Multiprocessing;

            namespace Demo;

            // a comment that was not there
            public static partial class Workers
            {
                // now commented (a documentation comment would change the stub's docs: see the next test)
                [ProcessTarget] public static void Work(string name,   int seconds) { System.Console.WriteLine(name); }

                [ProcessTarget]
                public static int Square(int n)
                    => n * n;
            }
            """;
        var compilation = GeneratorTestHelper.CreateCompilation(WorkersSource);
        var driver = GeneratorTestHelper.CreateTrackingDriver().RunGenerators(compilation);
        driver = driver.RunGenerators(ReplaceTree(compilation, 0, reformatted));
        var result = driver.GetRunResult().Results.Single();

        AssertReasons(result, TrackingNames.ExtractTargets, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, TrackingNames.BuildTable, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertSourceOutputsCached(result);
    }

    [TestMethod]
    public void AddingAParameter_ModifiesThatTargetOnly()
    {
        var compilation = GeneratorTestHelper.CreateCompilation(WorkersSource);
        var driver = GeneratorTestHelper.CreateTrackingDriver().RunGenerators(compilation);
        driver = driver.RunGenerators(ReplaceTree(compilation, 0, WorkersSource.Replace("Square(int n)", "Square(int n, int power)")));
        var result = driver.GetRunResult().Results.Single();

        var extracted = GeneratorTestHelper.StepOutputs(result, TrackingNames.ExtractTargets);
        Assert.AreEqual(IncrementalStepRunReason.Modified, ReasonOf(extracted, "Square"), GeneratorTestHelper.Describe(extracted));
        Assert.AreEqual(IncrementalStepRunReason.Unchanged, ReasonOf(extracted, "Work"), GeneratorTestHelper.Describe(extracted));
        var valid = GeneratorTestHelper.StepOutputs(result, TrackingNames.RemoveInvalid);
        Assert.AreEqual(IncrementalStepRunReason.Modified, ReasonOf(valid, "Square"), GeneratorTestHelper.Describe(valid));
        Assert.AreNotEqual(IncrementalStepRunReason.Modified, ReasonOf(valid, "Work"), GeneratorTestHelper.Describe(valid));

        // The table lists ids and descriptor names only, so a signature change leaves it alone.
        AssertReasons(result, TrackingNames.BuildTable, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        var regenerated = GeneratorTestHelper.SourceOutputReasons(result).Count(static r => r != IncrementalStepRunReason.Cached);
        Assert.AreEqual(1, regenerated, "Only Square's descriptor should be regenerated.");
    }

    [TestMethod]
    public void ChangingAParameterType_ModifiesTheModel()
    {
        var compilation = GeneratorTestHelper.CreateCompilation(WorkersSource);
        var driver = GeneratorTestHelper.CreateTrackingDriver().RunGenerators(compilation);
        driver = driver.RunGenerators(ReplaceTree(compilation, 0, WorkersSource.Replace("int seconds", "double seconds")));
        var result = driver.GetRunResult().Results.Single();

        var extracted = GeneratorTestHelper.StepOutputs(result, TrackingNames.ExtractTargets);
        Assert.AreEqual(IncrementalStepRunReason.Modified, ReasonOf(extracted, "Work"), GeneratorTestHelper.Describe(extracted));
        Assert.AreEqual(IncrementalStepRunReason.Unchanged, ReasonOf(extracted, "Square"), GeneratorTestHelper.Describe(extracted));
        var work = (TargetSpec)extracted.Single(static o => o.Value is TargetSpec { MethodName: "Work" }).Value;
        Assert.AreEqual("double", work.Parameters[1].Type);
    }

    [TestMethod]
    public void AddingATarget_IsNewAndTheOthersAreNotRegenerated()
    {
        var compilation = GeneratorTestHelper.CreateCompilation(WorkersSource);
        var driver = GeneratorTestHelper.CreateTrackingDriver().RunGenerators(compilation);
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(Parse(OtherTargetSource, "Others.cs")));
        var result = driver.GetRunResult().Results.Single();

        var extracted = GeneratorTestHelper.StepOutputs(result, TrackingNames.ExtractTargets);
        Assert.AreEqual(IncrementalStepRunReason.New, ReasonOf(extracted, "Echo"), GeneratorTestHelper.Describe(extracted));
        Assert.IsTrue(ReasonOf(extracted, "Work") is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, GeneratorTestHelper.Describe(extracted));
        Assert.IsTrue(ReasonOf(extracted, "Square") is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, GeneratorTestHelper.Describe(extracted));
        AssertReasons(result, TrackingNames.BuildTable, IncrementalStepRunReason.Modified);
        var table = (TableSpec)GeneratorTestHelper.StepOutputs(result, TrackingNames.BuildTable).Single().Value;
        CollectionAssert.AreEqual(
            new[] { "TestProject:Demo.Others.Echo", "TestProject:Demo.Workers.Square", "TestProject:Demo.Workers.Work" },
            table.Targets.Select(static t => t.Id).ToArray());

        // The new descriptor and the table are generated; the two existing descriptors are not.
        var reasons = GeneratorTestHelper.SourceOutputReasons(result);
        Assert.AreEqual(2, reasons.Count(static r => r == IncrementalStepRunReason.Cached), string.Join(", ", reasons));
        Assert.AreEqual(2, reasons.Count(static r => r != IncrementalStepRunReason.Cached), string.Join(", ", reasons));
    }

    [TestMethod]
    public void RemovingATarget_IsRemovedAndTheTableChanges()
    {
        var compilation = GeneratorTestHelper.CreateCompilation(WorkersSource, OtherTargetSource);
        var driver = GeneratorTestHelper.CreateTrackingDriver().RunGenerators(compilation);
        driver = driver.RunGenerators(compilation.RemoveSyntaxTrees(compilation.SyntaxTrees.Last()));
        var result = driver.GetRunResult().Results.Single();

        var valid = GeneratorTestHelper.StepOutputs(result, TrackingNames.RemoveInvalid);
        Assert.IsTrue(valid.Any(static o => o.Reason == IncrementalStepRunReason.Removed), GeneratorTestHelper.Describe(valid));
        AssertReasons(result, TrackingNames.BuildTable, IncrementalStepRunReason.Modified);
        CollectionAssert.AreEquivalent(
            new[] { "Demo.Workers.Work.g.cs", "Demo.Workers.Square.g.cs", "ProcessTargetTable.g.cs" },
            driver.GetRunResult().GeneratedTrees.Select(static t => Path.GetFileName(t.FilePath)).ToArray());
    }

    [TestMethod]
    public void MakingATargetInvalid_RemovesItFromTheTable()
    {
        var compilation = GeneratorTestHelper.CreateCompilation(WorkersSource);
        var driver = GeneratorTestHelper.CreateTrackingDriver().RunGenerators(compilation);
        driver = driver.RunGenerators(ReplaceTree(compilation, 0, WorkersSource.Replace("public static int Square", "public static int Square<T>")));
        var result = driver.GetRunResult().Results.Single();

        var extracted = GeneratorTestHelper.StepOutputs(result, TrackingNames.ExtractTargets);
        Assert.IsTrue(extracted.Any(static o => o.Value is null && o.Reason == IncrementalStepRunReason.Modified), GeneratorTestHelper.Describe(extracted));
        AssertReasons(result, TrackingNames.BuildTable, IncrementalStepRunReason.Modified);
        var table = (TableSpec)GeneratorTestHelper.StepOutputs(result, TrackingNames.BuildTable).Single().Value;
        CollectionAssert.AreEqual(new[] { "TestProject:Demo.Workers.Work" }, table.Targets.Select(static t => t.Id).ToArray());
    }

    [TestMethod]
    public void ChangingTheAssemblyName_ModifiesTheIds()
    {
        var compilation = GeneratorTestHelper.CreateCompilation(WorkersSource);
        var driver = GeneratorTestHelper.CreateTrackingDriver().RunGenerators(compilation);
        driver = driver.RunGenerators(compilation.WithAssemblyName("Renamed"));
        var result = driver.GetRunResult().Results.Single();

        AssertReasons(result, TrackingNames.AssemblyName, IncrementalStepRunReason.Modified);
        AssertReasons(result, TrackingNames.BuildTable, IncrementalStepRunReason.Modified);
        var table = (TableSpec)GeneratorTestHelper.StepOutputs(result, TrackingNames.BuildTable).Single().Value;
        Assert.AreEqual("Renamed", table.AssemblyName);
        Assert.IsTrue(table.Targets.All(static t => t.Id.StartsWith("Renamed:", StringComparison.Ordinal)), string.Join(", ", table.Targets));
    }

    [TestMethod]
    public void StepOutputs_HoldNoRoslynObjects()
    {
        // Every shape at once: nested types, records, defaults, async results, an invalid target (a null output).
        var compilation = GeneratorTestHelper.CreateCompilation(
            GeneratorTestSources.NestedTypesAndRecords,
            GeneratorTestSources.Defaults,
            GeneratorTestSources.ValueTaskOfInt,
            GeneratorTestSources.RecordArgument,
            "using Multiprocessing; namespace Demo; public partial class Invalid { [ProcessTarget] public void Instance() { } }");
        var result = GeneratorTestHelper.CreateTrackingDriver().RunGenerators(compilation).GetRunResult().Results.Single();

        int walked = 0;
        foreach (string name in GeneratorTestHelper.AllTrackingNames)
        {
            foreach (var (value, _) in GeneratorTestHelper.StepOutputs(result, name))
            {
                GeneratorTestHelper.AssertHoldsNoRoslynObjects(value, name);
                walked++;
            }
        }

        Assert.IsGreaterThanOrEqualTo(10, walked, "The walk saw too few step outputs to mean anything.");
    }

    [TestMethod]
    public void ObjectGraphWalk_DetectsARoslynObject()
    {
        // The walk itself must work, or the test above proves nothing.
        var compilation = GeneratorTestHelper.CreateCompilation(WorkersSource);
        var symbol = compilation.GetTypeByMetadataName("Demo.Workers")!;

        Assert.ThrowsExactly<AssertFailedException>(() => GeneratorTestHelper.AssertHoldsNoRoslynObjects(new { Nested = new[] { (object)symbol } }, "probe"));
        Assert.ThrowsExactly<AssertFailedException>(() => GeneratorTestHelper.AssertHoldsNoRoslynObjects(Tuple.Create(1, compilation), "probe"));
        Assert.ThrowsExactly<AssertFailedException>(() => GeneratorTestHelper.AssertHoldsNoRoslynObjects(compilation.SyntaxTrees[0].GetRoot(), "probe"));
    }

    [TestMethod]
    [DataRow(false, DisplayName = "without step tracking")]
    [DataRow(true, DisplayName = "with step tracking")]
    public void Driver_DoesNotKeepAnOldCompilationAlive(bool trackSteps)
    {
        var (driver, reference) = RunTwiceAndForgetTheFirstCompilation(trackSteps);

        for (int i = 0; i < 5 && reference.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.IsFalse(reference.IsAlive, "The driver (or a cached model) keeps the previous compilation alive.");
        GC.KeepAlive(driver);
    }

    /// <summary>Runs on one compilation, then on another; only the second driver and a weak reference to the first compilation escape.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (GeneratorDriver Driver, WeakReference FirstCompilation) RunTwiceAndForgetTheFirstCompilation(bool trackSteps)
    {
        var (driver, reference) = RunOnce(trackSteps);
        return (driver.RunGenerators(GeneratorTestHelper.CreateCompilation(WorkersSource, UnrelatedSource)), reference);

        [MethodImpl(MethodImplOptions.NoInlining)]
        static (GeneratorDriver, WeakReference) RunOnce(bool trackSteps)
        {
            var compilation = GeneratorTestHelper.CreateCompilation(WorkersSource);
            var driver = trackSteps
                ? GeneratorTestHelper.CreateTrackingDriver()
                : CSharpGeneratorDriver.Create([new ProcessTargetGenerator().AsSourceGenerator()], parseOptions: GeneratorTestHelper.ParseOptions);
            return (driver.RunGenerators(compilation), new WeakReference(compilation));
        }
    }

    private static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, GeneratorTestHelper.ParseOptions, path);

    private static Compilation ReplaceTree(Compilation compilation, int index, string newSource)
    {
        var old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, Parse(newSource, old.FilePath));
    }

    private static IncrementalStepRunReason ReasonOf(IEnumerable<(object Value, IncrementalStepRunReason Reason)> outputs, string methodName) =>
        outputs.Single(o => o.Value is TargetSpec spec && spec.MethodName == methodName).Reason;

    private static void AssertReasons(GeneratorRunResult result, string step, params IncrementalStepRunReason[] allowed)
    {
        var outputs = GeneratorTestHelper.StepOutputs(result, step);
        Assert.IsNotEmpty(outputs, $"Step {step} produced no outputs.");
        foreach (var (value, reason) in outputs)
        {
            Assert.IsTrue(allowed.Contains(reason), $"Step {step}: {reason} for {value}; expected {string.Join(" or ", allowed)}.");
        }
    }

    private static void AssertSourceOutputsCached(GeneratorRunResult result)
    {
        var reasons = GeneratorTestHelper.SourceOutputReasons(result);
        Assert.IsNotEmpty(reasons);
        Assert.IsTrue(
            reasons.All(static r => r == IncrementalStepRunReason.Cached),
            $"A generated file was regenerated: {string.Join(", ", reasons)}");
    }
}
