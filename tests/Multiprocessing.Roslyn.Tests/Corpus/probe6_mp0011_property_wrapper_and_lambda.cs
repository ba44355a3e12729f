// expect: MP0011@29 MP0011@32
// a static property with a setter over a private field, and a public field, read in lambdas of targets
using System.Collections.Generic;
using System.Linq;
using Multiprocessing;

public static class Settings
{
    private static int s_scale = 1;

    public static int Scale
    {
        get => s_scale;
        set => s_scale = value;
    }

    public static string Prefix = "n";
}

public static class Setup
{
    public static void Configure(int scale, string prefix) { Settings.Scale = scale; Settings.Prefix = prefix; }
}

public static partial class Workers
{
    [ProcessTarget]
    public static int[] Scaled(List<int> values) =>
        values.Select(v => v * Settings.Scale).ToArray();  // MP0011

    [ProcessTarget]
    public static string[] Named(List<int> values) => values.Select(v => Settings.Prefix + v).ToArray();  // MP0011
}
