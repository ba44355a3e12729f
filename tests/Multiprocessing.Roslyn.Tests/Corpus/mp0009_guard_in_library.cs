// expect: MP0009@7
// a library has no entry point to guard
namespace Lib;

public static class Bootstrap
{
    public static void Start() => Multiprocessing.ProcessEntry.Guard();  // MP0009
}
