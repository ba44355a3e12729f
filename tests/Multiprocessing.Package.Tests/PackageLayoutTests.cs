using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
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
            "ref/net10.0/Multiprocessing.dll",
            "ref/net10.0/Multiprocessing.xml",
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

    [TestMethod]
    public void The_library_in_the_package_is_ReadyToRun_compiled_for_linux_x64_and_still_matches_its_portable_PDB()
    {
        // issue 2: a JIT child otherwise compiles ~50 of the runtime's methods between its guard and its target
        using var package = ZipFile.OpenRead(Path.Combine(PackageFeed.Feed, $"Multiprocessing.{PackageFeed.Version}.nupkg"));
        using var dll = new MemoryStream();
        using (var entry = package.GetEntry("lib/net10.0/Multiprocessing.dll")!.Open()) entry.CopyTo(dll);
        dll.Position = 0;
        using var pe = new PEReader(dll);
        var cor = pe.PEHeaders.CorHeader!;
        Assert.IsTrue(cor.ManagedNativeHeaderDirectory.Size > 0, "a ReadyToRun header (crossgen2's output), not an IL-only assembly");
        Assert.AreEqual(CorFlags.ILLibrary, cor.Flags & CorFlags.ILLibrary, "flagged as a ReadyToRun image");
        // crossgen2 marks the target OS in the machine field: AMD64 xor 0x7B79 (Linux)
        Assert.AreEqual((ushort)((ushort)Machine.Amd64 ^ 0x7B79), (ushort)pe.PEHeaders.CoffHeader.Machine, "compiled for linux-x64");
        Assert.IsTrue(pe.GetMetadataReader().MethodDefinitions.Count > 0, "the IL and metadata are still there (other platforms JIT them)");

        // consumers compile against the IL-only reference assembly: the image's machine field would give CS8012 in a RID-specific build
        using var reference = new MemoryStream();
        using (var entry = package.GetEntry("ref/net10.0/Multiprocessing.dll")!.Open()) entry.CopyTo(reference);
        reference.Position = 0;
        using var referencePe = new PEReader(reference);
        Assert.AreEqual(0, referencePe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size, "ref/ is IL only");
        Assert.AreEqual(Machine.I386, referencePe.PEHeaders.CoffHeader.Machine, "ref/ is AnyCPU");

        // the symbols package's PDB is the one the image's debug directory names (the image keeps the IL assembly's identity)
        var codeView = pe.ReadDebugDirectory().Single(entry => entry.Type == DebugDirectoryEntryType.CodeView);
        Guid pdbId = pe.ReadCodeViewDebugDirectoryData(codeView).Guid;
        using var symbols = ZipFile.OpenRead(Path.Combine(PackageFeed.Feed, $"Multiprocessing.{PackageFeed.Version}.snupkg"));
        using var pdb = new MemoryStream();
        using (var entry = symbols.GetEntry("lib/net10.0/Multiprocessing.pdb")!.Open()) entry.CopyTo(pdb);
        pdb.Position = 0;
        using var pdbProvider = MetadataReaderProvider.FromPortablePdbStream(pdb);
        var id = new BlobContentId(pdbProvider.GetMetadataReader().DebugMetadataHeader!.Id);
        Assert.AreEqual(pdbId, id.Guid, "the PDB matches the image");
    }
}
