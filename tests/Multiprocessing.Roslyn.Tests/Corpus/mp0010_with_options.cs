// expect: MP0010@12
// also through With(options)
using System.Threading.Tasks;
using Multiprocessing;

public static partial class Bombs
{
    [ProcessTarget]
    public static async Task<int> Deeper(int depth)
    {
        System.Console.WriteLine(depth);
        var child = Targets.Deeper.With(new ProcessOptions { Name = "deeper" }).Start(depth + 1);  // MP0010
        return await child;
    }
}
