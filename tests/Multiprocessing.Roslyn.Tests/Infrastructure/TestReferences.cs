using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace Multiprocessing.Roslyn.Tests.Infrastructure;

/// <summary>
/// Offline references for Microsoft.CodeAnalysis.Testing (TOOLCHAIN.md section 5): an empty <c>net10.0</c>
/// <see cref="ReferenceAssemblies"/> (nothing is downloaded) plus Basic.Reference.Assemblies.Net100 and the
/// Multiprocessing runtime assembly. Shared by the analyzer and the generator tests.
/// </summary>
internal static class TestReferences
{
    /// <summary>No package: the framework references come from <see cref="Framework"/>.</summary>
    public static ReferenceAssemblies Net100 { get; } = new("net10.0");

    /// <summary>The net10.0 reference assemblies.</summary>
    public static IReadOnlyList<MetadataReference> Framework { get; } = [.. Basic.Reference.Assemblies.Net100.References.All];

    /// <summary>The Multiprocessing runtime (<c>ProcessTargetAttribute</c>, <c>ProcessEntry</c>...).</summary>
    public static MetadataReference Runtime { get; } =
        MetadataReference.CreateFromFile(typeof(Multiprocessing.ProcessTargetAttribute).Assembly.Location);

    /// <summary>MemoryPack, which a user project gets with the runtime (<c>[MemoryPackable]</c> for MP0004).</summary>
    public static MetadataReference MemoryPack { get; } =
        MetadataReference.CreateFromFile(typeof(global::MemoryPack.MemoryPackSerializer).Assembly.Location);

    /// <summary>MSTest's framework assembly (<c>MSTest.TestFramework</c>): what makes a compilation a test project for MP0014.</summary>
    public static MetadataReference MSTest { get; } =
        MetadataReference.CreateFromFile(typeof(Microsoft.VisualStudio.TestTools.UnitTesting.TestClassAttribute).Assembly.Location);

    /// <summary>Adds the framework, the runtime and MemoryPack to <paramref name="state"/>: what a user project sees.</summary>
    public static void AddUserProjectTo(ProjectState state)
    {
        AddTo(state);
        state.AdditionalReferences.Add(MemoryPack);
    }

    /// <summary>Adds the framework and the runtime to <paramref name="state"/>.</summary>
    public static void AddTo(ProjectState state, bool includeRuntime = true)
    {
        state.AdditionalReferences.AddRange(Framework);
        if (includeRuntime)
        {
            state.AdditionalReferences.Add(Runtime);
        }
    }
}
