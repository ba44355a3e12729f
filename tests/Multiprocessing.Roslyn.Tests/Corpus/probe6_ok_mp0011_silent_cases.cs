// expect: none
// a settable static property assigned only by its own static constructor, a get-only property over a field
// (the rule does not follow calls), a static written only in targets, readonly, const and never-assigned statics
using System.Collections.Generic;
using Multiprocessing;

public static class Config
{
    public static string Mode { get; set; }
    public static int Retries { get; }
    private static int s_level = 1;
    public static int Level => s_level;
    public static void Raise() => s_level++;

    static Config()
    {
        Mode = System.Environment.GetEnvironmentVariable("MODE") ?? "fast";
        Retries = 3;
    }
}

public static partial class Workers
{
    private static readonly List<string> s_log = new();
    private const int Limit = 10;
    private static int s_seed = 42;
    private static int s_calls;

    [ProcessTarget]
    public static string Run(int n)
    {
        s_calls++;
        s_log.Add(Config.Mode);
        return $"{Config.Mode} {Config.Retries} {Config.Level} {Limit} {s_seed} {s_calls} {s_log.Count} {n}";
    }

    [ProcessTarget]
    public static int Calls() => s_calls;
}
