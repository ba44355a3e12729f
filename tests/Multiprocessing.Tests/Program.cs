using Microsoft.Testing.Platform.Builder;
using Multiprocessing;

namespace Multiprocessing.Tests;

public static class Program
{
    /// <summary>Marks a run of this executable under the `dotnet` host, for <see cref="ChildProcessTests"/>.</summary>
    public const string MuxerSelfTest = "--muxer-self-test";

    public static async Task<int> Main(string[] args)
    {
        ProcessEntry.Guard(); // children of the test executable run their target here and exit

        if (args is [MuxerSelfTest])
        {
            // started as `dotnet Multiprocessing.Tests.dll`: the child must be started the same way
            Console.WriteLine($"square={await TestTargets.Targets.Square.Start(12)}");
            return 0;
        }

        var builder = await TestApplication.CreateBuilderAsync(args);
        SelfRegisteredExtensions.AddSelfRegisteredExtensions(builder, args);
        using var app = await builder.BuildAsync();
        return await app.RunAsync();
    }
}
