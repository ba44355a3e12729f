// expect: none
// docs: "A nested class of your own that is partial in every declaration is fine: the generated part joins it"
using Multiprocessing;

public static partial class Workers
{
    internal partial class Targets
    {
        public static int Count => 1;
    }

    [ProcessTarget]
    public static int Square(int n) => n * n;
}
