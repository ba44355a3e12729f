using System.Reflection;

namespace Multiprocessing;

/// <summary>Identifies the build of the running program, so a child from another build is refused.</summary>
internal static class BuildIdentity
{
    /// <summary>The entry assembly's module version id: a new one for every compilation.</summary>
    public static Guid Current { get; } = Assembly.GetEntryAssembly()?.ManifestModule.ModuleVersionId ?? Guid.Empty;

    /// <summary>The build a parent accepts children from: its own (tests set another to see the refusal).</summary>
    public static Guid Expected { get; set; } = Current;
}
