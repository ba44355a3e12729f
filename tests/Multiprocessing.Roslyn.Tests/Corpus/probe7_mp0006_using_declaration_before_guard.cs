// expect: MP0006@12
// output: exe
// a using declaration runs (and creates a resource) in every child: it is a statement before the guard
using System.Threading;
using System.Threading.Tasks;
using Multiprocessing;

namespace App
{
    public static class Program
    {
        public static async Task<int> Main(string[] args)  // MP0006
        {
            using var cts = new CancellationTokenSource();
            ProcessEntry.Guard();
            using var child = Workers.Targets.Square.Start(args.Length);
            await child.JoinAsync(cts.Token);
            return await child;
        }
    }

    public static partial class Workers
    {
        [ProcessTarget]
        public static int Square(int n) => n * n;
    }
}
