// expect: none
// pools that are disposed or handed on: a using statement over an existing local, a target-typed using
// declaration, a factory that returns one, a constructor that stores one, await using inside try, Close only
using System;
using System.Linq;
using System.Threading.Tasks;
using Multiprocessing;

public static class Pools
{
    public static ProcessPool Create(int workers) => new ProcessPool(workers);

    public static ProcessPool CreateNamed(int workers)
    {
        var pool = new ProcessPool(workers);
        Console.WriteLine($"pool of {pool.WorkerCount}");
        return pool;
    }

    public static int[] Existing(int[] items)
    {
        var pool = new ProcessPool(2);
        using (pool)
        {
            return pool.Map(Workers.Targets.Square, items);
        }
    }

    public static int TargetTyped(int n)
    {
        using ProcessPool pool = new(2);
        return pool.Apply(Workers.Targets.Square, n);
    }

    public static async Task<int[]> Guarded(int[] items)
    {
        try
        {
            await using var pool = new ProcessPool(4);
            return await pool.MapAsync(Workers.Targets.Square, items);
        }
        catch (ChildProcessException e)
        {
            Console.WriteLine(e.Message);
            return [];
        }
    }

    public static int[] Closed(int[] items)
    {
        var pool = new ProcessPool(2);
        var squares = pool.Map(Workers.Targets.Square, items);
        pool.Close();
        return squares;
    }
}

public sealed class Renderer : IDisposable
{
    private readonly ProcessPool _pool;

    public Renderer(int workers)
    {
        _pool = new ProcessPool(workers);
    }

    public int Render(int frame) => _pool.Apply(Workers.Targets.Square, frame);

    public void Dispose() => _pool.Dispose();
}

public static partial class Workers
{
    [ProcessTarget]
    public static int Square(int n) => n * n;
}
