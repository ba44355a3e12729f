// expect: MP0004@9
// a nullable CancellationToken is not the token parameter the runtime links across processes: it would be serialized
using System.Threading;
using Multiprocessing;

public static partial class MaybeCancel
{
    [ProcessTarget]
    public static int Run(int n, CancellationToken? ct = null) => n;
}
