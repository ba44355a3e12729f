using System.Diagnostics;

namespace Multiprocessing.Tests;

/// <summary>Publishes tests/AotSmoke with NativeAOT and runs it: an AOT parent starts AOT children and gets results back.</summary>
[TestClass]
public sealed class NativeAotTests
{
    [TestMethod]
    public async Task A_NativeAOT_app_starts_NativeAOT_children_and_gets_their_results()
    {
        bool hasClang = FindOnPath("clang") is not null;
        if (!hasClang && FindOnPath("gcc") is null)
        {
            Assert.Inconclusive("NativeAOT needs a C toolchain (clang or gcc) on PATH; .ci/run installs clang.");
        }

        string repository = FindRepositoryRoot();
        string output = Directory.CreateTempSubdirectory("mp-aot-").FullName;
        try
        {
            var publish = new ProcessStartInfo("dotnet")
            {
                // Its own obj/bin (artifacts layout in a temp folder): a publish for a runtime identifier restores again,
                // which must not rewrite the assets files the repository's build and the other test projects read meanwhile.
                ArgumentList =
                {
                    "publish", Path.Combine(repository, "tests", "AotSmoke", "AotSmoke.csproj"), "-c", "Release", "-r", "linux-x64", "-o", output,
                    "--disable-build-servers", "-nodeReuse:false", "-p:UseArtifactsOutput=true", $"-p:ArtifactsPath={Path.Combine(output, "artifacts")}",
                },
            };
            if (!hasClang)
            {
                publish.ArgumentList.Add("-p:CppCompilerAndLinker=gcc");
            }

            var (publishCode, publishOutput) = await Run(publish, TimeSpan.FromMinutes(5));
            Assert.AreEqual(0, publishCode, publishOutput);

            Directory.Delete(Path.Combine(output, "artifacts"), recursive: true);
            var (code, stdout) = await Run(new ProcessStartInfo(Path.Combine(output, "AotSmoke")), TimeSpan.FromSeconds(60));
            Assert.AreEqual(0, code, stdout);
            var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => line.Split('=', 2)).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1]);
            Assert.AreEqual(lines["parent"], lines["child"], "the child is the same NativeAOT executable");
            Assert.AreEqual("81", lines["square"]);
            Assert.AreEqual("A,B", lines["words"]);
            Assert.AreEqual("k:3", lines["lengths"]);
            Assert.AreEqual("Point { X = 11, Y = 12 }", lines["point"]);
            Assert.AreEqual("x!", lines["async"]);
            Assert.AreEqual("1,2,3", lines["queue"], "a queue of [MemoryPackable] records, filled by a child");
            Assert.AreEqual("ping-pong", lines["pipe"]);
            Assert.AreEqual("System.InvalidOperationException:aot boom", lines["error"]);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> Run(ProcessStartInfo start, TimeSpan limit)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        using var process = Process.Start(start)!;
        using var cancel = new CancellationTokenSource(limit);
        var stdout = process.StandardOutput.ReadToEndAsync(cancel.Token);
        var stderr = process.StandardError.ReadToEndAsync(cancel.Token);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{start.FileName} {string.Join(' ', start.ArgumentList)}' did not finish within {limit}.");
        }

        return (process.ExitCode, await stdout + await stderr);
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

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, tool)).FirstOrDefault(File.Exists);
}
