// expect: none
// a static the target itself writes lives in the child
using Multiprocessing;

public static partial class Workers
{
    private static int s_calls;

    [ProcessTarget]
    public static int Count()
    {
        s_calls++;
        return s_calls;
    }
}
