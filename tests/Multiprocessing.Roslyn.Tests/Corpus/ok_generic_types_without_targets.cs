// expect: none
// generic and non-partial types are fine when they declare no targets
using System.Collections.Generic;

public class Repository<T>
{
    private readonly List<T> _items = new();
    public void Add(T item) => _items.Add(item);
    public static Repository<T> Empty { get; } = new();
}

public static class Helpers
{
    public static T Echo<T>(T value) => value;
    public static void Bump(ref int n) => n++;
    public static async void Fire() => await System.Threading.Tasks.Task.Yield();
}

public static partial class Workers
{
    [Multiprocessing.ProcessTarget]
    public static int Square(int n) => n * n;

    [Multiprocessing.ProcessTarget]
    public static void Work(string name, int seconds) { }
}
