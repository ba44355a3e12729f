// expect: MP0004@13
// a using alias hides a Stream inside the result type
using System.Threading.Tasks;
using Multiprocessing;
using Files = System.Collections.Generic.Dictionary<string, System.IO.Stream>;
using Names = System.Collections.Generic.Dictionary<string, string>;

public static partial class Archive
{
    [ProcessTarget]
    public static async Task<Names> List(string path) { await Task.Yield(); return new(); }
    [ProcessTarget]
    public static async ValueTask<Files> Open(string path) { await Task.Yield(); return new(); }  // MP0004 on the result
}
