// expect: none
// an internal nested type, even with a private target method
using Multiprocessing;

public partial class Outer
{
    internal static partial class Inner
    {
        [ProcessTarget]
        private static int Secret(int n) => n;

        public static ProcessTarget Descriptor => Targets.Secret;
    }
}
