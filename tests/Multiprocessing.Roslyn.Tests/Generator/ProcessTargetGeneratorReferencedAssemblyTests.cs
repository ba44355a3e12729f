using Microsoft.CodeAnalysis;
using Multiprocessing.Roslyn.Tests.Infrastructure;

namespace Multiprocessing.Roslyn.Tests.Generator;

/// <summary>
/// Targets in class libraries: a library's generated table names itself with <c>[assembly: ProcessTargetTable]</c>, and
/// an executable that references the library registers that table from its own, so the executable's guard can
/// dispatch the library's targets without reflection.
/// </summary>
[TestClass]
public sealed class ProcessTargetGeneratorReferencedAssemblyTests
{
    private const string LibrarySource = """
        using Multiprocessing;

        namespace Lib;

        public static partial class LibraryWorkers
        {
            [ProcessTarget]
            public static int Double(int n) => n * 2;
        }
        """;

    private const string ProgramSource = """
        using Multiprocessing;

        ProcessEntry.Guard();
        using var child = Lib.LibraryWorkers.Targets.Double.Start(21);
        int result = await child;
        """;

    [TestMethod]
    [DataRow(false, DisplayName = "compilation reference")]
    [DataRow(true, DisplayName = "emitted image")]
    public void ExecutableReferencingLibrary_RegistersTheLibraryTable(bool emitLibrary)
    {
        var library = CreateLibraryReference("Lib", LibrarySource, emitLibrary);
        var app = GeneratorTestHelper.CreateCompilation([ProgramSource], "App", OutputKind.ConsoleApplication, [library]);

        var (output, diagnostics, result) = GeneratorTestHelper.RunGenerator(app);

        Assert.IsEmpty(diagnostics);
        var texts = GeneratorTestHelper.GeneratedTexts(result);
        CollectionAssert.AreEquivalent(new[] { "ProcessTargetTable.g.cs" }, texts.Keys.ToArray());
        Assert.AreEqual(ExpectedAppTableWithoutOwnTargets, texts["ProcessTargetTable.g.cs"]);
        AssertCompilesCleanly(output);
    }

    [TestMethod]
    public void ExecutableWithOwnTargets_RegistersItsTargetsAndTheLibraryTable()
    {
        var library = CreateLibraryReference("Lib", LibrarySource, emit: true);
        var app = GeneratorTestHelper.CreateCompilation(
            [ProgramSource, GeneratorTestSources.Square], "App", OutputKind.ConsoleApplication, [library]);

        var (output, _, result) = GeneratorTestHelper.RunGenerator(app);

        string table = GeneratorTestHelper.GeneratedTexts(result)["ProcessTargetTable.g.cs"];
        Assert.Contains(
            """
                        global::Multiprocessing.ProcessEntry.RegisterTargets(Find);
                        global::Multiprocessing.Generated.ProcessTargetTable_Lib.Register();
                    }
            """.ReplaceLineEndings("\n"),
            table);
        Assert.Contains("if (id == \"App:Demo.Workers.Square\")", table);
        Assert.Contains("return new global::Demo.Workers.Targets.SquareTarget();", table);
        Assert.DoesNotContain("\"Lib:", table, "The library's targets are dispatched by the library's own table.");
        AssertCompilesCleanly(output);
    }

    [TestMethod]
    [DataRow(false, DisplayName = "compilation reference")]
    [DataRow(true, DisplayName = "emitted image")]
    public void LibraryDescriptors_AreTypedProcessTargetsInTheExecutable(bool emitLibrary)
    {
        // The descriptor's ProcessTarget<TArgs, TResult> base, tuple names included, survives the assembly boundary.
        const string library = """
            using System.Threading;
            using Multiprocessing;

            namespace Lib;

            public static partial class LibraryWorkers
            {
                [ProcessTarget]
                public static int Double(int n) => n * 2;

                [ProcessTarget]
                public static string Label(int n, string prefix, CancellationToken cancellationToken) => prefix + n;

                [ProcessTarget]
                public static void Ping()
                {
                }
            }
            """;
        const string program = """
            using System;
            using Multiprocessing;
            using Lib;

            ProcessEntry.Guard();
            await using var pool = new ProcessPool(2);
            int[] doubled = pool.Map(LibraryWorkers.Targets.Double, [1, 2, 3]);
            string[] labels = await pool.StarMapAsync(LibraryWorkers.Targets.Label, [(1, "a"), (2, "b")]);
            ProcessTarget<(int n, string prefix), string> label = LibraryWorkers.Targets.Label;
            ProcessTarget<ValueTuple, ValueTuple> ping = LibraryWorkers.Targets.Ping;
            using var child = LibraryWorkers.Targets.Label.Start(3, "c", default);
            Console.WriteLine(await child);
            """;
        var reference = CreateLibraryReference("Lib", library, emitLibrary);
        var app = GeneratorTestHelper.CreateCompilation([program], "App", OutputKind.ConsoleApplication, [reference]);

        var (output, diagnostics, _) = GeneratorTestHelper.RunGenerator(app);

        Assert.IsEmpty(diagnostics);
        AssertCompilesCleanly(output);
    }

    [TestMethod]
    public void SeveralLibraries_AreRegisteredInOrdinalOrder()
    {
        var upper = CreateLibraryReference("LibB", LibrarySource.Replace("namespace Lib;", "namespace LibB;"), emit: true);
        var lower = CreateLibraryReference("Liba", LibrarySource.Replace("namespace Lib;", "namespace Liba;"), emit: true);
        var dotted = CreateLibraryReference("My.Lib", LibrarySource.Replace("namespace Lib;", "namespace MyLib;"), emit: true);
        var app = GeneratorTestHelper.CreateCompilation(
            ["Multiprocessing.ProcessEntry.Guard();"], "App", OutputKind.ConsoleApplication, [lower, dotted, upper]);

        var (output, _, result) = GeneratorTestHelper.RunGenerator(app);

        string table = GeneratorTestHelper.GeneratedTexts(result)["ProcessTargetTable.g.cs"];
        Assert.Contains(
            """
                        global::Multiprocessing.Generated.ProcessTargetTable_LibB.Register();
                        global::Multiprocessing.Generated.ProcessTargetTable_Liba.Register();
                        global::Multiprocessing.Generated.ProcessTargetTable_My_Lib.Register();
            """.ReplaceLineEndings("\n"),
            table);
        AssertCompilesCleanly(output);
    }

    [TestMethod]
    public void LibraryReferencingLibrary_ChainsTheTables()
    {
        var inner = CreateLibraryReference("Inner", LibrarySource.Replace("namespace Lib;", "namespace Inner;"), emit: true);
        var outerCompilation = GeneratorTestHelper.CreateCompilation(
            [LibrarySource.Replace("namespace Lib;", "namespace Outer;")], "Outer", additionalReferences: [inner]);
        var (outer, _, outerResult) = GeneratorTestHelper.RunGenerator(outerCompilation);
        AssertCompilesCleanly(outer);
        Assert.Contains(
            "global::Multiprocessing.Generated.ProcessTargetTable_Inner.Register();",
            GeneratorTestHelper.GeneratedTexts(outerResult)["ProcessTargetTable.g.cs"]);

        var app = GeneratorTestHelper.CreateCompilation(
            ["Multiprocessing.ProcessEntry.Guard();"], "App", OutputKind.ConsoleApplication, [inner, outer.ToMetadataReference()]);
        var (output, _, result) = GeneratorTestHelper.RunGenerator(app);

        string table = GeneratorTestHelper.GeneratedTexts(result)["ProcessTargetTable.g.cs"];
        Assert.Contains("global::Multiprocessing.Generated.ProcessTargetTable_Inner.Register();", table);
        Assert.Contains("global::Multiprocessing.Generated.ProcessTargetTable_Outer.Register();", table);
        AssertCompilesCleanly(output);
    }

    [TestMethod]
    public void LibraryWithoutTargets_GivesTheExecutableNoTable()
    {
        const string plainLibrary = """
            namespace Plain;

            public static class Helpers
            {
                public static int Twice(int n) => n * 2;
            }
            """;
        var library = CreateLibraryReference("Plain", plainLibrary, emit: true);
        var app = GeneratorTestHelper.CreateCompilation(
            ["System.Console.WriteLine(Plain.Helpers.Twice(2));"], "App", OutputKind.ConsoleApplication, [library]);

        var (output, diagnostics, result) = GeneratorTestHelper.RunGenerator(app);

        Assert.IsEmpty(diagnostics);
        Assert.IsEmpty(result.GeneratedSources);
        AssertCompilesCleanly(output);
    }

    private static string ExpectedAppTableWithoutOwnTargets => GeneratorTestHelper.Golden($$"""
        // <auto-generated/>
        #nullable enable
        #pragma warning disable CS1591, CS0612, CS0618

        [assembly: global::Multiprocessing.ProcessTargetTable(typeof(global::Multiprocessing.Generated.ProcessTargetTable_App))]

        namespace Multiprocessing.Generated
        {
            /// <summary>The process targets of assembly App and the assemblies it references, for the child's dispatcher.</summary>
            {{GeneratorTestHelper.GeneratedCodeAttribute}}
            [global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]
            public static class ProcessTargetTable_App
            {
                private static int s_registered;

                /// <summary>Registers the table when the assembly loads: cheap, no threads (dispatch itself runs from the guard).</summary>
                [global::System.Runtime.CompilerServices.ModuleInitializer]
                internal static void Initialize() => Register();

                /// <summary>Registers these targets with the runtime, once.</summary>
                public static void Register()
                {
                    if (global::System.Threading.Interlocked.Exchange(ref s_registered, 1) != 0)
                    {
                        return;
                    }

                    global::Multiprocessing.Generated.ProcessTargetTable_Lib.Register();
                }
            }
        }
        """).ToString();

    /// <summary>Compiles a library with the generator's output, as its own build would, and references it.</summary>
    private static MetadataReference CreateLibraryReference(string assemblyName, string source, bool emit)
    {
        var (library, diagnostics, _) = GeneratorTestHelper.RunGenerator(GeneratorTestHelper.CreateCompilation([source], assemblyName));
        Assert.IsEmpty(diagnostics);
        AssertCompilesCleanly(library);
        if (!emit)
        {
            return library.ToMetadataReference();
        }

        using var image = new MemoryStream();
        var emitted = library.Emit(image);
        Assert.IsTrue(emitted.Success, GeneratorTestHelper.Describe(emitted.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    private static void AssertCompilesCleanly(Compilation compilation)
    {
        var problems = GeneratorTestHelper.ErrorsAndWarnings(compilation);
        Assert.IsEmpty(problems, $"{compilation.AssemblyName}:{Environment.NewLine}{GeneratorTestHelper.Describe(problems)}");
    }
}
