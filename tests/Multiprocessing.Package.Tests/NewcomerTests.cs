using System.Runtime.InteropServices;

namespace Multiprocessing.Package.Tests;

/// <summary>
/// A newcomer's first hour, from the package: `dotnet new console`, `dotnet add package Multiprocessing`, a target and
/// the guard, build, run; forget the guard and the build says so (MP0006); targets in a class library; NativeAOT.
/// </summary>
[TestClass]
public sealed class NewcomerTests
{
    /// <summary>Two targets, one taking a user type that crosses the process boundary with MemoryPack.</summary>
    private const string Workers = """
        using MemoryPack;
        using Multiprocessing;

        namespace Newcomer;

        [MemoryPackable]
        public partial record Order(string Item, int Quantity);

        public static partial class Workers
        {
            [ProcessTarget]
            public static int Square(int n) => n * n;

            [ProcessTarget]
            public static string Describe(Order order) =>
                $"{order.Quantity} x {order.Item}|{Environment.ProcessId}|{Environment.ProcessPath}|{System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeCompiled}";
        }
        """;

    private const string Guard = "ProcessEntry.Guard();";

    private const string Program = """
        using System.Runtime.CompilerServices;
        using Multiprocessing;
        using Newcomer;

        ProcessEntry.Guard();

        Console.WriteLine($"parent={Environment.ProcessId}|{Environment.ProcessPath}|{RuntimeFeature.IsDynamicCodeCompiled}");
        Console.WriteLine($"square={await Workers.Targets.Square.Start(7)}");
        Console.WriteLine($"order={await Workers.Targets.Describe.Start(new Order("apple", 3))}");
        await using (var pool = new ProcessPool(workers: 2))
        {
            int[] squares = await pool.MapAsync(Workers.Targets.Square, Enumerable.Range(1, 6));
            Console.WriteLine($"pool={string.Join(",", squares)}");
        }
        //LIBRARY
        """;

    private const string LibraryCall = """Console.WriteLine($"library={await Shapes.Geometry.Targets.Area.Start(3.0, 4.0)}");""";

    private const string Geometry = """
        using Multiprocessing;

        namespace Shapes;

        /// <summary>A class library's process targets: no entry point, so no guard; the app that uses them has one.</summary>
        public static partial class Geometry
        {
            /// <summary>The area of a rectangle.</summary>
            [ProcessTarget]
            public static double Area(double width, double height) => width * height;
        }
        """;

    [TestMethod]
    public async Task A_newcomer_builds_and_runs_a_console_app_and_a_forgotten_guard_fails_the_build_with_MP0006()
    {
        string workspace = PackageFeed.NewWorkspace("newcomer");

        // a class library with targets: builds with no guard and no warning
        var library = await ConsumerProject.Create(workspace, "Shapes", "classlib");
        library.Write("Geometry.cs", Geometry);
        var libraryBuild = await library.Build().Succeed();
        AssertNoDiagnostics(libraryBuild);

        // the console app: a target, the guard, a pool, and the library's target
        var app = await ConsumerProject.Create(workspace, "Newcomer");
        await DotNet.Run(app.Directory, PackageFeed.Restore, "add", app.ProjectFile, "reference", library.ProjectFile).Succeed();
        app.Write("Workers.cs", Workers);
        app.Write("Program.cs", Program.Replace("//LIBRARY", LibraryCall));
        AssertNoDiagnostics(await app.Build().Succeed());

        var run = await app.Run().Succeed();
        var output = run.KeyValues();
        string[] parent = output["parent"].Split('|');
        string[] child = output["order"].Split('|');
        Assert.AreEqual("49", output["square"], run.ToString());
        Assert.AreEqual("3 x apple", child[0], "a [MemoryPackable] record crossed the process boundary");
        Assert.AreNotEqual(parent[0], child[1], "the target ran in another process");
        Assert.AreEqual(parent[1], child[2], "the child is the same program");
        Assert.AreEqual("1,4,9,16,25,36", output["pool"]);
        Assert.AreEqual("12", output["library"], "a target declared in a class library runs from the app's guard");

        // forget the guard: the build fails, with MP0006 and a message that says what to do
        app.Write("Program.cs", Program.Replace(Guard, "// (no guard)").Replace("//LIBRARY", LibraryCall));
        var unguarded = await app.Build();
        Assert.AreNotEqual(0, unguarded.ExitCode, unguarded.ToString());
        string[] errors = unguarded.Diagnostics("error");
        Assert.IsTrue(errors.Length > 0 && errors.All(line => line.Contains("error MP0006:", StringComparison.Ordinal)), unguarded.ToString());
        StringAssert.Contains(errors[0], "must call ProcessEntry.Guard() as its first statement");
        StringAssert.Contains(errors[0], "Program.cs(");
        app.Write("Program.cs", Program.Replace("//LIBRARY", LibraryCall));

        // a compiler older than the generator needs: one clear warning naming the minimum, not a silent skip
        // (simulated by raising the minimum: this machine's compiler is new enough)
        var old = await library.Build("-p:MultiprocessingMinimumCompilerVersion=99.0", "-p:TreatWarningsAsErrors=false");
        string[] warnings = old.Diagnostics("warning");
        Assert.AreEqual(1, warnings.Length, old.ToString());
        StringAssert.Contains(warnings[0], "warning MPCFG0001: Multiprocessing needs the C# compiler of Roslyn 99.0 or newer");
        Assert.IsFalse(old.Output.Contains("CS9057", StringComparison.Ordinal), "the components are not handed to a compiler that cannot load them");
    }

    [TestMethod]
    public async Task A_newcomer_publishes_with_NativeAOT_with_no_warnings_and_the_children_are_native_too()
    {
        string? linker = DotNet.FindLinker();
        if (linker is null)
        {
            Assert.Inconclusive("NativeAOT needs a C toolchain (clang or gcc) on PATH to link; none was found, so the NativeAOT publish was not tested. .ci/run installs clang.");
        }

        string workspace = PackageFeed.NewWorkspace("newcomer-aot");
        var app = await ConsumerProject.Create(workspace, "Newcomer");
        app.Write("Workers.cs", Workers);
        app.Write("Program.cs", Program);
        app.AddProperties("  <PublishAot>true</PublishAot>"); // in the project, not -p:PublishAot (TOOLCHAIN.md G10)

        string output = Path.Combine(workspace, "publish");
        var publish = await DotNet.Run(app.Directory, PackageFeed.Publish, ["publish", app.ProjectFile, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier,
            "-o", output, "--disable-build-servers", "-nodeReuse:false", .. linker == "gcc" ? ["-p:CppCompilerAndLinker=gcc"] : Array.Empty<string>()]).Succeed();
        Assert.AreEqual(0, publish.Diagnostics("warning").Length, $"no trimming or AOT warnings in a consumer's publish:{Environment.NewLine}{publish}");

        var run = await DotNet.Start(Path.Combine(output, "Newcomer"), workspace, PackageFeed.RunApp).Succeed();
        var values = run.KeyValues();
        string[] parent = values["parent"].Split('|');
        string[] child = values["order"].Split('|');
        Assert.AreEqual("False", parent[2], "the parent is native code");
        Assert.AreEqual("49", values["square"]);
        Assert.AreEqual("3 x apple", child[0]);
        Assert.AreEqual(parent[1], child[2], "the child is the same native executable");
        Assert.AreEqual("False", child[3], "the child is native code too");
        Assert.AreEqual("1,4,9,16,25,36", values["pool"]);
    }

    private static void AssertNoDiagnostics(DotNet.Result build)
    {
        string[] diagnostics = [.. build.Diagnostics("warning"), .. build.Diagnostics("error")];
        Assert.AreEqual(0, diagnostics.Length, build.ToString());
    }
}
