// expect: MP0009@28 MP0009@33 MP0009@43
// output: exe
// Main guards first; a plugin's static constructor (through using static), its instance constructor and a static
// property getter call the guard too, where it guards nothing
using System;
using Multiprocessing;
using static Multiprocessing.ProcessEntry;

public static class Program
{
    public static void Main(string[] args)
    {
        ProcessEntry.Guard();
        var plugin = new Plugin();
        Console.WriteLine(plugin.Name + Settings.Ready);
        Workers.Targets.Work.Start("w", 1).Join();
    }
}

public static partial class Workers
{
    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}

public sealed class Plugin
{
    static Plugin() => Guard();  // MP0009

    public Plugin()
    {
        Name = "plugin";
        ProcessEntry.Guard();  // MP0009
    }

    public string Name { get; }
}

public static class Settings
{
    public static bool Ready
    {
        get { ProcessEntry.Guard(); return true; }  // MP0009
    }
}
