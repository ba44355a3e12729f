// expect: MP0011@18
// output: exe
// Python's global that is not shared
using Multiprocessing;

ProcessEntry.Guard();
Settings.Scale = 10;
System.Console.WriteLine(await Jobs.Targets.Scaled.Start(3));

public static class Settings
{
    public static int Scale = 1;
}

public static partial class Jobs
{
    [ProcessTarget]
    public static int Scaled(int n) => n * Settings.Scale;  // MP0011
}
