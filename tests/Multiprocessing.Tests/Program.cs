using Microsoft.Testing.Platform.Builder;
using Multiprocessing;

namespace Multiprocessing.Tests;

public static class Program
{
    /// <summary>Scenarios <see cref="ChildProcessTests"/> runs this executable with, as a whole program.</summary>
    public const string MuxerSelfTest = "--muxer-self-test", ForgottenJoin = "--forgotten-join", DaemonChild = "--daemon-child",
        ChildReadsInput = "--child-reads-input";

    public static async Task<int> Main(string[] args)
    {
        ProcessEntry.Guard(); // children of the test executable run their target here and exit

        switch (args)
        {
            case [MuxerSelfTest]:
                // started as `dotnet Multiprocessing.Tests.dll`: the child must be started the same way
                Console.WriteLine($"square={await TestTargets.Targets.Square.Start(12)}");
                return 0;
            case [ForgottenJoin]:
                // as in Python, a non-daemon child is joined when the main program ends
#pragma warning disable MP0012 // deliberately never joined: the runtime joins it when Main returns
                _ = TestTargets.Targets.SleepThenPrint.Start(300, "child finished");
#pragma warning restore MP0012
                Console.WriteLine("main returns");
                return 0;
            case [ChildReadsInput]:
                // this program's standard input has a line; its child must not get it
                Console.WriteLine($"child read: {await TestTargets.Targets.ReadInput.Start()}; parent read: {Console.In.ReadLine()}");
                return 0;
            case [DaemonChild]:
                // a daemon child is not waited for, and does not outlive its parent
                var daemon = TestTargets.Targets.SleepThenPrint.With(new ProcessOptions { Daemon = true }).Start(60_000, "daemon finished");
                Console.WriteLine($"daemon={daemon.Pid}");
                return 0;
        }

        var builder = await TestApplication.CreateBuilderAsync(args);
        SelfRegisteredExtensions.AddSelfRegisteredExtensions(builder, args);
        using var app = await builder.BuildAsync();
        return await app.RunAsync();
    }
}
