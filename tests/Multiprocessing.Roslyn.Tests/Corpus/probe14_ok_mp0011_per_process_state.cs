// expect: none
// output: exe
// statics MP0011 leaves alone (MP0011.md: "Not reported: const and readonly fields, and statics nobody assigns"; the
// target's own type's static constructor; assignments inside targets; [ModuleInitializer] methods): a static readonly
// collection the parent fills (readonly: not reported, however it is mutated), an instance member of an object held
// in a static readonly field, a static event, Interlocked on a counter only targets touch, a [ThreadStatic] scratch
// buffer written in the target, a computed get-only property, and a static written by the target's own static
// constructor and by a module initializer
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Multiprocessing;

ProcessEntry.Guard();
Registry.Names.Add("parent-only");
Registry.Options.Verbose = true;
Registry.Changed += () => Console.WriteLine("changed");
Console.WriteLine(await Tasks.Targets.Count.Start());
Console.WriteLine(await Tasks.Targets.Tick.Start());

public sealed class RegistryOptions
{
    public bool Verbose { get; set; }
}

public static class Registry
{
    public const string Prefix = "reg";

    public static readonly List<string> Names = new();

    public static readonly RegistryOptions Options = new();

    public static event Action? Changed;

    public static int Ticks;

    [ThreadStatic]
    public static char[]? Scratch;

    public static string Banner => Prefix + ":" + Names.Count;

    public static string? Culture;

    public static void Raise() => Changed?.Invoke();

    [ModuleInitializer]
    internal static void Init() => Culture = "en";
}

public static partial class Tasks
{
    private static int s_seed;

    static Tasks() => s_seed = 42;

    [ProcessTarget]
    public static int Count()
    {
        Registry.Scratch ??= new char[16];
        Registry.Raise();
        return Registry.Names.Count + (Registry.Options.Verbose ? 1 : 0) + Registry.Banner.Length + s_seed + (Registry.Culture?.Length ?? 0);
    }

    [ProcessTarget]
    public static int Tick()
    {
        Interlocked.Increment(ref Registry.Ticks);
        return Volatile.Read(ref Registry.Ticks);
    }
}
