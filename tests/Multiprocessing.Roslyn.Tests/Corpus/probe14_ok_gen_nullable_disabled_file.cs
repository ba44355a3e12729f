// expect: none
// legacy code with nullable reference types disabled: oblivious reference types with null defaults, arrays of
// them, and a Task<string> result; the generated stubs (compiled with nullable analysis on) must not warn
#nullable disable
using System.Collections.Generic;
using System.Threading.Tasks;
using Multiprocessing;

public static partial class Legacy
{
    [ProcessTarget]
    public static string Greet(string name = null, string[] tags = null, List<string> notes = null) => name ?? "anonymous";

    [ProcessTarget]
    public static async Task<string> Load(string path, Dictionary<string, string> headers = null)
    {
        await Task.Yield();
        return path;
    }

    public static async Task<string> Use() => await Targets.Greet.Start() + await Targets.Load.Start("a");
}
