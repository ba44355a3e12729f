// expect: none
// targets in a partial interface (static non-virtual member), readonly record struct, record, and a protected internal nested type
using System.Threading.Tasks;
using Multiprocessing;

namespace Shapes;

public partial interface IJobs
{
    [ProcessTarget]
    static int Run(int n) => n + 1;
}

public readonly partial record struct Size(int W, int H)
{
    [ProcessTarget]
    public static int Area(int w, int h) => w * h;
}

public partial record Shape(string Name)
{
    [ProcessTarget]
    public static async Task<string> Describe(string name)
    {
        await Task.Yield();
        return name;
    }

    protected internal static partial class Helpers
    {
        [ProcessTarget]
        internal static void Touch() { }
    }
}

public static class Uses
{
    public static string Names() =>
        IJobs.Targets.Run.Name + Size.Targets.Area.Name + Shape.Targets.Describe.Name + Shape.Helpers.Targets.Touch.Name;
}
