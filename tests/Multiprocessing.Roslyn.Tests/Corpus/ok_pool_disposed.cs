// expect: none
// pools in using statements, disposed explicitly, or owned by a field
using System.Threading.Tasks;
using Multiprocessing;

public sealed class Service : System.IDisposable
{
    private readonly ProcessPool _pool = new(2);

    public Task<int> Square(int n) => _pool.ApplyAsync(Workers.Targets.Square, n);

    public static int[] Squares(int[] items)
    {
        using (var pool = new ProcessPool(2))
        {
            return pool.Map(Workers.Targets.Square, items);
        }
    }

    public static async Task<int> Explicit()
    {
        var pool = new ProcessPool(1);
        try { return await pool.ApplyAsync(Workers.Targets.Square, 2); }
        finally { await pool.DisposeAsync(); }
    }

    public void Dispose() => _pool.Dispose();
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;

    [ProcessTarget]
    public static void Work(string name, int seconds) { }
}
