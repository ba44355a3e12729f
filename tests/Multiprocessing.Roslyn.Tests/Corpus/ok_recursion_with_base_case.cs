// expect: none
// a self-starting target with a base case
using System.Threading.Tasks;
using Multiprocessing;

public static partial class Tree
{
    [ProcessTarget]
    public static async Task<long> Factorial(int n)
    {
        if (n <= 1)
        {
            return 1;
        }

        return n * await Targets.Factorial.Start(n - 1);
    }

    [ProcessTarget]
    public static async Task<int> Halve(int n) => n > 1 ? await Targets.Halve.Start(n / 2) + 1 : 0;
}
