// expect: MP0003@9
// an array of pointers holds addresses too: MP0003 reports it (the generator used to emit code that did not compile)
using Multiprocessing;

public static unsafe partial class Native
{
    [ProcessTarget]
    public static int Count(
        int*[] addresses) => addresses.Length;
}
