// expect: none
// signatures the dispatcher can call (MP0003.md lists what is not allowed; none of these is): an extension method
// (its 'this' parameter is an ordinary by-value parameter), an iterator returning IEnumerable<int>, a static method
// that implicitly implements a static abstract interface member (the method itself is neither abstract nor
// virtual), a private target (MP0013.md: "The target method itself may be private"), an unsafe method without
// pointer types, a rank-2 array result, optional parameters and a CancellationToken with a default, a ValueTask
// target, and a generic helper method next to the targets (not a target itself)
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Multiprocessing;

public interface IParser<TSelf> where TSelf : IParser<TSelf>
{
    static abstract int Parse(string text);
}

public partial struct Celsius : IParser<Celsius>
{
    [ProcessTarget]
    public static int Parse(string text) => int.Parse(text);
}

public static partial class Text
{
    [ProcessTarget]
    public static int WordCount(this string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    [ProcessTarget]
    public static IEnumerable<int> Lengths(string[] words)
    {
        foreach (var word in words)
        {
            yield return word.Length;
        }
    }

    [ProcessTarget]
    private static int Hidden(int n) => n;

    [ProcessTarget]
    public static unsafe int Checksum(byte[] data)
    {
        fixed (byte* p = data)
        {
            int sum = 0;
            for (int i = 0; i < data.Length; i++) sum += p[i];
            return sum;
        }
    }

    [ProcessTarget]
    public static double[,] Outer(double[] a, double[] b) => new double[a.Length, b.Length];

    [ProcessTarget]
    public static async Task<string> Fetch(string url, int retries = 3, string? proxy = null, CancellationToken cancellationToken = default)
    {
        await Task.Delay(1, cancellationToken);
        return url + retries + proxy;
    }

    [ProcessTarget]
    public static async ValueTask Flush(TimeSpan? delay)
    {
        await Task.Delay(delay ?? TimeSpan.Zero);
    }

    public static T Echo<T>(T value) => value;

    public static int UseHidden() => Targets.Hidden.Start(1).GetAwaiter().GetResult();
}
