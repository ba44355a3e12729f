namespace Multiprocessing.Package.Tests;

/// <summary>A user's project, made with `dotnet new` and `dotnet add package` the way a newcomer does.</summary>
internal sealed class ConsumerProject
{
    private ConsumerProject(string directory, string name)
    {
        Directory = directory;
        Name = name;
    }

    public string Directory { get; }

    public string Name { get; }

    public string ProjectFile => Path.Combine(Directory, Name + ".csproj");

    /// <summary>`dotnet new <paramref name="template"/>` then `dotnet add package Multiprocessing` from the local feed.</summary>
    public static async Task<ConsumerProject> Create(string workspace, string name, string template = "console")
    {
        string directory = Path.Combine(workspace, name);
        await DotNet.Run(workspace, PackageFeed.Restore, "new", template, "-n", name, "-o", directory, "--debug:custom-hive", PackageFeed.TemplateHive).Succeed();
        await DotNet.Run(directory, PackageFeed.Restore, "add", "package", "Multiprocessing", "--version", PackageFeed.Version).Succeed();
        File.Delete(Path.Combine(directory, "Class1.cs"));
        return new ConsumerProject(directory, name);
    }

    /// <summary>An existing project (e.g. one `dotnet new multiprocessing-console` made).</summary>
    public static ConsumerProject Open(string directory) => new(directory, Path.GetFileName(directory));

    public void Write(string file, string text) => File.WriteAllText(Path.Combine(Directory, file), text);

    /// <summary>Adds properties to the project file (as a user edits it).</summary>
    public void AddProperties(string properties)
    {
        string project = File.ReadAllText(ProjectFile);
        int end = project.IndexOf("</PropertyGroup>", StringComparison.Ordinal);
        File.WriteAllText(ProjectFile, project.Insert(end, properties + Environment.NewLine + "  "));
    }

    public Task<DotNet.Result> Build(params string[] extra) =>
        DotNet.Run(Directory, PackageFeed.Build, ["build", ProjectFile, "--disable-build-servers", "-nodeReuse:false", .. extra]);

    /// <summary>Runs the built apphost (Debug), as `dotnet run` would.</summary>
    public Task<DotNet.Result> Run(params string[] args) =>
        DotNet.Start(Path.Combine(Directory, "bin", "Debug", "net10.0", Name), Directory, PackageFeed.RunApp, args);
}
