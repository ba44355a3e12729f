using System.IO.Compression;
using System.Xml.Linq;

namespace Multiprocessing.Package.Tests;

/// <summary>What `dotnet pack` produces: one package, Multiprocessing, with everything a user needs inside.</summary>
[TestClass]
public sealed class PackageLayoutTests
{
    [TestMethod]
    public void Pack_produces_one_package_with_the_library_the_Roslyn_components_the_build_files_and_docs()
    {
        string[] packages = Directory.GetFiles(PackageFeed.Feed).Select(Path.GetFileName).Order().ToArray()!;
        CollectionAssert.AreEqual(
            new[] { $"Multiprocessing.{PackageFeed.Version}.nupkg", $"Multiprocessing.{PackageFeed.Version}.snupkg", $"Multiprocessing.Templates.{PackageFeed.Version}.nupkg" },
            packages, "the library package, its symbols, and the dotnet new template pack");

        using var package = ZipFile.OpenRead(Path.Combine(PackageFeed.Feed, $"Multiprocessing.{PackageFeed.Version}.nupkg"));
        string[] files = package.Entries.Select(entry => entry.FullName)
            .Where(name => !name.StartsWith("_rels/", StringComparison.Ordinal) && !name.StartsWith("package/", StringComparison.Ordinal) && name != "[Content_Types].xml")
            .Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(new[]
        {
            "Multiprocessing.nuspec",
            "README.md",
            "RELEASE-NOTES.md",
            "analyzers/dotnet/cs/Multiprocessing.Analyzers.dll",
            "analyzers/dotnet/cs/Multiprocessing.CodeFixes.dll",
            "analyzers/dotnet/cs/Multiprocessing.Generator.dll",
            "buildTransitive/Multiprocessing.props",
            "buildTransitive/Multiprocessing.targets",
            "lib/net10.0/Multiprocessing.dll",
            "lib/net10.0/Multiprocessing.xml",
        }, files, string.Join(", ", files));

        var nuspec = XDocument.Load(package.GetEntry("Multiprocessing.nuspec")!.Open());
        XNamespace ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.AreEqual("Multiprocessing", metadata.Element(ns + "id")!.Value);
        Assert.AreEqual(PackageFeed.Version, metadata.Element(ns + "version")!.Value);
        Assert.AreEqual("README.md", metadata.Element(ns + "readme")!.Value);
        StringAssert.Contains(metadata.Element(ns + "releaseNotes")!.Value, "0.1.0");
        Assert.IsNotNull(metadata.Element(ns + "repository"), "SourceLink-ready: the repository (and commit) is recorded");

        // the serializer is a normal dependency; the generator, analyzers and code fixes are inside, never dependencies
        var dependencies = metadata.Descendants(ns + "dependency").Select(d => $"{d.Attribute("id")!.Value}/{d.Attribute("version")!.Value}").ToArray();
        CollectionAssert.AreEqual(new[] { "MemoryPack/1.21.4" }, dependencies);

        using var symbols = ZipFile.OpenRead(Path.Combine(PackageFeed.Feed, $"Multiprocessing.{PackageFeed.Version}.snupkg"));
        Assert.IsNotNull(symbols.GetEntry("lib/net10.0/Multiprocessing.pdb"), "the symbols package holds the portable PDB");
    }
}
