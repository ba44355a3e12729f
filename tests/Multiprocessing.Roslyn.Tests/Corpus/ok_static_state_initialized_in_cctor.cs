// expect: none
// a static set by the type's own static constructor runs in the child too
using Multiprocessing;

public static partial class Workers
{
    private static string s_machine;

    static Workers() => s_machine = System.Environment.MachineName;

    [ProcessTarget]
    public static string Where() => s_machine;
}
