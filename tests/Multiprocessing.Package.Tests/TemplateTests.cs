namespace Multiprocessing.Package.Tests;

/// <summary>`dotnet new multiprocessing-console`, installed from the local pack: a project with the guard, a target and a pool.</summary>
[TestClass]
public sealed class TemplateTests
{
    [TestMethod]
    public async Task The_multiprocessing_console_template_builds_and_runs()
    {
        string workspace = PackageFeed.NewWorkspace("template");
        string pack = Path.Combine(PackageFeed.Feed, $"Multiprocessing.Templates.{PackageFeed.Version}.nupkg");
        await DotNet.Run(workspace, PackageFeed.Restore, "new", "install", pack, "--debug:custom-hive", PackageFeed.TemplateHive).Succeed();

        string directory = Path.Combine(workspace, "Demo");
        await DotNet.Run(workspace, PackageFeed.Restore, "new", "multiprocessing-console", "-n", "Demo", "-o", directory, "--debug:custom-hive", PackageFeed.TemplateHive).Succeed();
        var app = ConsumerProject.Open(directory);
        StringAssert.Contains(File.ReadAllText(app.ProjectFile), $"""<PackageReference Include="Multiprocessing" Version="{PackageFeed.Version}" />""");
        StringAssert.StartsWith(File.ReadAllLines(Path.Combine(directory, "Program.cs")).First(line => !line.StartsWith("using", StringComparison.Ordinal) && !line.StartsWith("//", StringComparison.Ordinal) && line.Trim().Length > 0), "ProcessEntry.Guard();");

        var build = await app.Build().Succeed();
        Assert.AreEqual(0, build.Diagnostics("warning").Length, build.ToString());

        var run = await app.Run().Succeed();
        StringAssert.Contains(run.Output, "Hello from child (Process-");
        StringAssert.Contains(run.Output, "The child exited with code 0.");
        StringAssert.Contains(run.Output, "Squares: 1, 4, 9, 16, 25, 36, 49, 64, 81, 100");
    }
}
