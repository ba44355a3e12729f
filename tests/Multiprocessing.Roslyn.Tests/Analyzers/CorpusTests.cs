using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Multiprocessing.Roslyn.Tests.Infrastructure;
using Multiprocessing.SourceGeneration;

namespace Multiprocessing.Roslyn.Tests.Analyzers;

/// <summary>
/// The corpus: small whole programs under <c>Corpus/</c> (copied to the output, not compiled into this project),
/// each compiled as a user's build would be (framework, runtime, MemoryPack; the generator first), then run through
/// every analyzer. The first lines of a file declare what it expects:
/// <code>
/// // expect: MP0007@5 MP0006@3     (or: // expect: none)
/// // output: exe                   (optional; default library)
/// // build_property: IsTestProject=true GenerateTestingPlatformEntryPoint=true   (optional)
/// </code>
/// Ids and lines must match exactly, and the program must compile without errors. <c>build_property</c> sets MSBuild
/// properties the analyzers see as <c>build_property.&lt;Name&gt;</c> (as the package's <c>CompilerVisibleProperty</c>
/// items do); with <c>GenerateTestingPlatformEntryPoint=true</c> an executable also gets the entry point
/// Microsoft.Testing.Platform generates, in <c>obj/MicrosoftTestingPlatformEntryPoint.cs</c>.
/// </summary>
[TestClass]
public sealed partial class CorpusTests
{
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Corpus");

    /// <summary>What a net10.0 build defines (MemoryPack's generator emits different code below .NET 7).</summary>
    private static readonly string[] PreprocessorSymbols =
    [
        "NET", "NETCOREAPP", "NET10_0",
        .. Enumerable.Range(5, 6).Select(v => $"NET{v}_0_OR_GREATER"),
        "NETCOREAPP3_1_OR_GREATER", "NETCOREAPP3_0_OR_GREATER", "NETCOREAPP2_0_OR_GREATER", "NETCOREAPP1_0_OR_GREATER",
    ];

    public static IEnumerable<object[]> Files =>
        System.IO.Directory.EnumerateFiles(Directory, "*.cs").OrderBy(f => f, StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    [TestMethod]
    public void Corpus_HasAtLeastSixtyPrograms_WithTruePositivesAndNearMissesForEveryRule()
    {
        var files = Files.Select(f => (string)f[0]).ToList();
        Assert.IsGreaterThanOrEqualTo(60, files.Count);
        foreach (var id in DiagnosticCatalogueTests.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct())
        {
            var expectations = files.Select(f => Parse(File.ReadAllText(Path.Combine(Directory, f))).Expected).ToList();
            var positives = expectations.Count(e => e.Any(x => x.StartsWith(id + "@", StringComparison.Ordinal)));
            Assert.IsGreaterThanOrEqualTo(2, positives, $"{id}: true positives in the corpus");
        }

        Assert.IsGreaterThanOrEqualTo(20, files.Count(f => Parse(File.ReadAllText(Path.Combine(Directory, f))).Expected.Count == 0), "near misses");
    }

    [TestMethod]
    [DynamicData(nameof(Files))]
    public async Task Corpus(string file)
    {
        var text = File.ReadAllText(Path.Combine(Directory, file));
        var (expected, outputKind, buildProperties) = Parse(text);
        var actual = await AnalyzeAsync(text, file, outputKind, buildProperties);
        CollectionAssert.AreEquivalent(
            expected.OrderBy(e => e, StringComparer.Ordinal).ToList(),
            actual.OrderBy(e => e, StringComparer.Ordinal).ToList(),
            $"{file}: expected [{string.Join(" ", expected)}], got [{string.Join(" ", actual)}]");
    }

    /// <summary>The MP diagnostics of <paramref name="source"/> as <c>ID@line</c>, after generation, as in a build.</summary>
    internal static async Task<List<string>> AnalyzeAsync(
        string source,
        string path,
        OutputKind outputKind,
        IReadOnlyDictionary<string, string>? buildProperties = null)
    {
        buildProperties ??= new Dictionary<string, string>();
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: PreprocessorSymbols);
        List<SyntaxTree> trees = [CSharpSyntaxTree.ParseText(source, parseOptions, path: path)];
        if (outputKind == OutputKind.ConsoleApplication &&
            buildProperties.TryGetValue("GenerateTestingPlatformEntryPoint", out var generate) &&
            string.Equals(generate, "true", StringComparison.OrdinalIgnoreCase))
        {
            trees.Add(CSharpSyntaxTree.ParseText(MicrosoftTestingPlatformEntryPoint, parseOptions, path: "obj/MicrosoftTestingPlatformEntryPoint.cs"));
        }

        var compilation = CSharpCompilation.Create(
            "Corpus",
            trees,
            [.. TestReferences.Framework, TestReferences.Runtime, TestReferences.MemoryPack],
            new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        CSharpGeneratorDriver.Create([new ProcessTargetGenerator().AsSourceGenerator(), .. MemoryPackGenerators.Value], parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
        // ours reports nothing; MemoryPack's reports what it cannot serialize inside [MemoryPackable] types (MEMPACKxxx)
        var unexpected = generatorDiagnostics.Where(d => !d.Id.StartsWith("MEMPACK", StringComparison.Ordinal)).ToList();
        Assert.IsEmpty(unexpected, string.Join(Environment.NewLine, unexpected));
        // when MemoryPack rejects a type its generated code does not compile either; otherwise nothing may fail
        var memoryPackFailed = generatorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        var errors = memoryPackFailed ? [] : generated.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.IsEmpty(errors, $"{path} does not compile:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
        // and our generated code warns about nothing: a project that treats warnings as errors must build too
        var warnings = generated.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.Contains(nameof(ProcessTargetGenerator), StringComparison.Ordinal) == true)
            .ToList();
        Assert.IsEmpty(warnings, $"{path}: the generated code warns:{Environment.NewLine}{string.Join(Environment.NewLine, warnings)}");

        var analyzers = DiagnosticCatalogueTests.Analyzers.ToImmutableArray();
        var options = new AnalyzerOptions([], new BuildProperties(buildProperties));
        var diagnostics = await generated.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
        return
        [
            .. diagnostics
                .Where(d => d.Id.StartsWith("MP", StringComparison.Ordinal))
                .Select(d =>
                {
                    Assert.AreEqual(path, d.Location.SourceTree?.FilePath, $"{d} is not in the user's file");
                    return $"{d.Id}@{d.Location.GetLineSpan().StartLinePosition.Line + 1}";
                }),
        ];
    }

    /// <summary>MemoryPack's source generator, copied next to the corpus by the project file.</summary>
    private static readonly Lazy<ISourceGenerator[]> MemoryPackGenerators = new(() =>
    {
        var path = Path.Combine(Directory, "generators", "MemoryPack.Generator.dll");
        Assert.IsTrue(File.Exists(path), $"missing {path}: the project copies it from the MemoryPack package");
        var reference = new AnalyzerFileReference(path, new AssemblyLoader());
        return [.. reference.GetGenerators(LanguageNames.CSharp)];
    });

    /// <summary>What Microsoft.Testing.Platform.MSBuild generates, without its calls into the platform (not referenced here).</summary>
    private const string MicrosoftTestingPlatformEntryPoint = """
        //------------------------------------------------------------------------------
        // <auto-generated>
        //     This code was generated by Microsoft.Testing.Platform.MSBuild
        // </auto-generated>
        //------------------------------------------------------------------------------

        namespace Corpus
        {
            [global::System.Diagnostics.CodeAnalysis.ExcludeFromCodeCoverage]
            internal sealed class MicrosoftTestingPlatformEntryPoint
            {
                public static global::System.Threading.Tasks.Task<int> Main(string[] args)
                    => global::System.Threading.Tasks.Task.FromResult(0);
            }
        }
        """;

    private static (List<string> Expected, OutputKind OutputKind, Dictionary<string, string> BuildProperties) Parse(string text)
    {
        var expect = ExpectLine().Match(text);
        Assert.IsTrue(expect.Success, "a corpus file starts with '// expect: ...'");
        var value = expect.Groups[1].Value.Trim();
        var expected = value == "none"
            ? []
            : value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).ToList();
        var output = OutputLine().Match(text);
        var kind = output.Success && output.Groups[1].Value == "exe" ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
        var buildProperties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var properties = BuildPropertyLine().Match(text);
        if (properties.Success)
        {
            foreach (var property in properties.Groups[1].Value.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = property.IndexOf('=', StringComparison.Ordinal);
                Assert.IsGreaterThan(0, equals, $"'// build_property: Name=Value ...', not '{property}'");
                buildProperties[property[..equals]] = property[(equals + 1)..];
            }
        }

        return (expected, kind, buildProperties);
    }

    /// <summary>The MSBuild properties of a corpus program, as the analyzers see them (<c>build_property.&lt;Name&gt;</c>).</summary>
    private sealed class BuildProperties(IReadOnlyDictionary<string, string> properties) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(properties.ToDictionary(p => "build_property." + p.Key, p => p.Value, AnalyzerConfigOptions.KeyComparer));

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static Options Empty { get; } = new(new Dictionary<string, string>());

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
                values.TryGetValue(key, out value);
        }
    }

    private sealed class AssemblyLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
    }

    [GeneratedRegex(@"^// expect:(.*)$", RegexOptions.Multiline)]
    private static partial Regex ExpectLine();

    [GeneratedRegex(@"^// output: (\w+)", RegexOptions.Multiline)]
    private static partial Regex OutputLine();

    [GeneratedRegex(@"^// build_property:(.*)$", RegexOptions.Multiline)]
    private static partial Regex BuildPropertyLine();
}
