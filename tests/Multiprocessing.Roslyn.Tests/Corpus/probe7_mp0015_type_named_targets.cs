// expect: MP0015@7
// a type that is itself named Targets cannot hold the generated Targets class (CS0542): MP0015 says why
using Multiprocessing;

namespace Scheduling;

public static partial class Targets
{
    [ProcessTarget]
    public static int Aim(int n) => n;
}
