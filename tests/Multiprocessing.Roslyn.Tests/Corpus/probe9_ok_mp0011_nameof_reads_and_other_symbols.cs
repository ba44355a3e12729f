// expect: none
// output: exe
// the parent only names a static (nameof), reads one, passes one by 'in', adds to a static list without assigning
// it, and assigns a same-named instance field and a local; a static written only by another target is child state
using System;
using System.Collections.Generic;
using Multiprocessing;

ProcessEntry.Guard();
Console.WriteLine(nameof(Settings.Level) + " " + Settings.Scale);
Console.WriteLine(Twice(in Settings.Scale));
Settings.Names.Add("parent");
var options = new Options();
options.Level = 3;
var Level = 5;
Level++;
await Workers.Targets.Reset.Start();
Console.WriteLine(await Workers.Targets.Run.Start(Level + options.Level));

static int Twice(in int value) => value * 2;

public static class Settings
{
    public static int Level = 1;
    public static int Scale = 2;
    public static List<string> Names = new();
    public static string Mode = "fast";
}

public sealed class Options
{
    public int Level;
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Reset() => Settings.Mode = "slow";

    [ProcessTarget]
    public static string Run(int n) => $"{n} {Settings.Level} {Settings.Scale} {Settings.Names.Count} {Settings.Mode}";
}
