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
/// </code>
/// Ids and lines must match exactly, and the program must compile without errors.
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
        var (expected, outputKind) = Parse(text);
        var actual = await AnalyzeAsync(text, file, outputKind);
        CollectionAssert.AreEquivalent(
            expected.OrderBy(e => e, StringComparer.Ordinal).ToList(),
            actual.OrderBy(e => e, StringComparer.Ordinal).ToList(),
            $"{file}: expected [{string.Join(" ", expected)}], got [{string.Join(" ", actual)}]");
    }

    /// <summary>The MP diagnostics of <paramref name="source"/> as <c>ID@line</c>, after generation, as in a build.</summary>
    internal static async Task<List<string>> AnalyzeAsync(string source, string path, OutputKind outputKind)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: PreprocessorSymbols);
        var tree = CSharpSyntaxTree.ParseText(source, parseOptions, path: path);
        var compilation = CSharpCompilation.Create(
            "Corpus",
            [tree],
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

        var analyzers = DiagnosticCatalogueTests.Analyzers.ToImmutableArray();
        var diagnostics = await generated.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
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

    private static (List<string> Expected, OutputKind OutputKind) Parse(string text)
    {
        var expect = ExpectLine().Match(text);
        Assert.IsTrue(expect.Success, "a corpus file starts with '// expect: ...'");
        var value = expect.Groups[1].Value.Trim();
        var expected = value == "none"
            ? []
            : value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).ToList();
        var output = OutputLine().Match(text);
        var kind = output.Success && output.Groups[1].Value == "exe" ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
        return (expected, kind);
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
}
