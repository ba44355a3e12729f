using Multiprocessing;

namespace PoolThroughput;

/// <summary>The trivial task of the anchors' py_pool.py (<c>def square(x): return x * x</c>).</summary>
public static partial class Work
{
    /// <summary>Squares its argument: all the cost measured is the pool's.</summary>
    [ProcessTarget]
    public static int Square(int x) => x * x;
}
