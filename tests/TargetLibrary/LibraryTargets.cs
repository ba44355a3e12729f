using Multiprocessing;

namespace TargetLibrary;

public static partial class LibraryTargets
{
    [ProcessTarget]
    public static string Greet(string name) => $"hello {name} from {typeof(LibraryTargets).Assembly.GetName().Name} in pid {Environment.ProcessId}";
}
