// expect: MP0001@10
// a local function cannot be a target
using Multiprocessing;

public static class Jobs
{
    public static int Run()
    {
        [ProcessTarget]
        static int Twice(int n) => n * 2;  // MP0001
        return Twice(2);
    }
}
