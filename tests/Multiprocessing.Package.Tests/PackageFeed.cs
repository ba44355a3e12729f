using System.Reflection;

namespace Multiprocessing.Package.Tests;

/// <summary>
/// Packs the Multiprocessing package and the template pack once for all tests, into a local folder feed in a temporary
/// directory, with a version no earlier run used (so no stale copy in the global packages folder is ever picked up).
/// Users' projects created by the tests live in that directory too, outside the repository, with a nuget.config that adds
/// the feed to the machine's own package sources (NuGet merges configs up the directory tree and the user's config).
/// Nothing global is changed: dotnet new uses its own hive, and the package is removed from the global packages folder at the end.
/// </summary>
[TestClass]
public static class PackageFeed
{
    private static string? _root;

    /// <summary>The temporary directory: the feed, the nuget.config, the dotnet new hive and the users' projects.</summary>
    public static string Root => _root ?? throw new InvalidOperationException("The package feed was not set up.");

    /// <summary>The local folder feed holding the packed packages.</summary>
    public static string Feed => Path.Combine(Root, "feed");

    /// <summary>The dotnet new settings folder (--debug:custom-hive): the user's own templates are left alone.</summary>
    public static string TemplateHive => Path.Combine(Root, "template-hive");

    /// <summary>The version the packages were packed with, e.g. 0.1.0-test.20261125224500.1234.</summary>
    public static string Version { get; private set; } = "";

    /// <summary>The repository's root (the folder of Generators.slnx).</summary>
    public static string Repository { get; } = FindRepositoryRoot();

    public static readonly TimeSpan Pack = TimeSpan.FromMinutes(4), Restore = TimeSpan.FromMinutes(3), Build = TimeSpan.FromMinutes(5),
        Publish = TimeSpan.FromMinutes(8), RunApp = TimeSpan.FromMinutes(1);

    [AssemblyInitialize]
    public static async Task PackOnce(TestContext context)
    {
        _root = Directory.CreateTempSubdirectory("mp-package-tests-").FullName;
        Directory.CreateDirectory(Feed);
        string configuration = typeof(PackageFeed).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "BuildConfiguration").Value!;
        string suffix = $"test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

        // --no-build: the test project's build already built both projects (and the generator, analyzers and code fixes)
        // in this configuration; packing must not rebuild them while other test projects run.
        foreach (string project in new[] { "runtime/Multiprocessing/Multiprocessing.csproj", "templates/Multiprocessing.Templates.csproj" })
        {
            await DotNet.Run(Repository, Pack, "pack", Path.Combine(Repository, project), "--no-build", "-c", configuration, "-o", Feed,
                $"-p:VersionSuffix={suffix}", "--disable-build-servers", "-nodeReuse:false").Succeed();
        }

        string package = Directory.GetFiles(Feed, "Multiprocessing.*.nupkg").Single(file => !Path.GetFileName(file).StartsWith("Multiprocessing.Templates.", StringComparison.Ordinal));
        Version = Path.GetFileNameWithoutExtension(package)["Multiprocessing.".Length..];
        StringAssert.EndsWith(Version, suffix);

        File.WriteAllText(Path.Combine(Root, "nuget.config"), """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <!-- added to the sources of the user's own NuGet.Config, which still apply -->
                <add key="multiprocessing-local" value="feed" />
              </packageSources>
            </configuration>
            """);
    }

    [AssemblyCleanup]
    public static void CleanUp()
    {
        if (_root is null)
        {
            return;
        }

        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (Version.Length > 0)
        {
            foreach (string id in new[] { "multiprocessing", "multiprocessing.templates" })
            {
                TryDelete(Path.Combine(packages, id, Version.ToLowerInvariant()));
            }
        }

        if (Environment.GetEnvironmentVariable("MP_KEEP_PACKAGE_TEST_FILES") != "1")
        {
            TryDelete(_root);
        }
    }

    /// <summary>A fresh directory for one user's project(s) under <see cref="Root"/>.</summary>
    public static string NewWorkspace(string name) => Directory.CreateDirectory(Path.Combine(Root, name)).FullName;

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Generators.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Generators.slnx) was not found above the test's directory.");
    }
}
