// expect: MP0011@41 MP0011@42 MP0011@43
// output: exe
// the parent writes statics through an instance method of another class, a private setter behind a static method,
// and Interlocked.Increment(ref ...) at top level; the child reads the initial values
using System.Threading;
using Multiprocessing;

ProcessEntry.Guard();
new Loader().Apply("us-east");
AppState.Load("eu-west");
Interlocked.Increment(ref Stats.Launches);
System.Console.WriteLine(await Jobs.Targets.Report.Start());

public static class Config
{
    public static int Retries = 1;
}

public sealed class Loader
{
    public void Apply(string region) => Config.Retries = region.Length;
}

public static class AppState
{
    public static string Region { get; private set; } = "local";

    public static void Load(string region) => Region = region;
}

public static class Stats
{
    public static int Launches;
}

public static partial class Jobs
{
    [ProcessTarget]
    public static string Report()
    {
        var retries = Config.Retries;  // MP0011
        var region = AppState.Region;  // MP0011
        return $"{region} {retries} {Stats.Launches}";  // MP0011
    }
}
