// expect: none
// a CancellationToken parameter is not serialized
using System.Threading;
using System.Threading.Tasks;
using Multiprocessing;

public static partial class Workers
{
    [ProcessTarget]
    public static async Task<int> Slow(int n, CancellationToken cancellationToken)
    {
        await Task.Delay(n, cancellationToken);
        return n;
    }
}
