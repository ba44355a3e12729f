namespace Multiprocessing.Roslyn.Tests.Infrastructure;

/// <summary>Files of the repository the tests check against (docs pages, release tracking).</summary>
internal static class RepositoryPaths
{
    /// <summary>The directory holding <c>Generators.slnx</c>, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Generators.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Generators.slnx not found above {AppContext.BaseDirectory}");
    }
}
