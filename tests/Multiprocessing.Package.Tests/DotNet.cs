using System.Diagnostics;
using System.Text;

namespace Multiprocessing.Package.Tests;

/// <summary>Runs the dotnet CLI (or a built app) the way a user would, bounded in time, with no build servers left behind.</summary>
internal static class DotNet
{
    /// <summary>The result of one command: its exit code and everything it printed (stdout, then stderr).</summary>
    public sealed record Result(string Command, int ExitCode, string Output)
    {
        public override string ToString() => $"'{Command}' exited with {ExitCode}:{Environment.NewLine}{Output}";
    }

    /// <summary>Runs <c>dotnet args...</c> in <paramref name="directory"/>.</summary>
    public static Task<Result> Run(string directory, TimeSpan limit, params string[] args) => Start("dotnet", directory, limit, args);

    /// <summary>Runs a program (a built app) in <paramref name="directory"/>.</summary>
    public static async Task<Result> Start(string program, string directory, TimeSpan limit, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // no MSBuild node, no MSBuild server, no VBCSCompiler left running after the command (NativeAotTests does the same)
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false";
        // the test host's own MSBuild settings must not leak into a user's build
        foreach (string inherited in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly", "DOTNET_HOST_PATH" })
        {
            start.Environment.Remove(inherited);
        }

        string command = $"{Path.GetFileName(program)} {string.Join(' ', args)}";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{command}'.");
        process.StandardInput.Close();
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
            Assert.Fail($"'{command}' (in {directory}) did not finish within {limit}.");
        }

        var output = new StringBuilder(await stdout);
        string error = await stderr;
        if (error.Length > 0)
        {
            output.AppendLine().Append(error);
        }

        return new Result(command, process.ExitCode, output.ToString());
    }

    /// <summary>Runs a command and fails the test unless it exits with 0.</summary>
    public static async Task<Result> Succeed(this Task<Result> running)
    {
        var result = await running;
        Assert.AreEqual(0, result.ExitCode, result.ToString());
        return result;
    }

    /// <summary>The warning and error lines of a build's output, without the repetition MSBuild prints in its summary.</summary>
    public static string[] Diagnostics(this Result result, string kind) =>
        result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Contains($" {kind} ", StringComparison.Ordinal) && line.Contains(':'))
            .Distinct().ToArray();

    /// <summary>The lines a program printed as <c>key=value</c>.</summary>
    public static Dictionary<string, string> KeyValues(this Result result) =>
        result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2)).Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0]).ToDictionary(group => group.Key, group => group.Last()[1]);

    /// <summary>A C toolchain NativeAOT can link with, or null.</summary>
    public static string? FindLinker() =>
        new[] { "clang", "gcc" }.FirstOrDefault(tool => (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator).Any(directory => File.Exists(Path.Combine(directory, tool))));
}
