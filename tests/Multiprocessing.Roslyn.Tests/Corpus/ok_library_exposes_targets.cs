// expect: none
// a class library only declares targets: no entry point, no guard needed
using Multiprocessing;

namespace Lib;

public static partial class LibraryTargets
{
    [ProcessTarget]
    public static string Greet(string name) => $"hello {name}";
}
