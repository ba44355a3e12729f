using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Multiprocessing;

/// <summary>
/// Binds this assembly's <c>libc</c> imports by the library's file name. Under NativeAOT the runtime's own search for
/// a bare name like <c>libc</c> compares names case-insensitively, which initialises globalization and loads ICU:
/// several milliseconds of every child's start, for a name that needs no search.
/// </summary>
internal static class NativeLibraries
{
    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "Registers a resolver only: no work, no dispatch.")]
    internal static void Initialize() => NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == "libc" && NativeLibrary.TryLoad("libc.so.6", out nint handle) ? handle : 0; // 0: the runtime searches as usual (e.g. musl)
}
