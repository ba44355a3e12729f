// expect: none
// a target starting another type's target of the same name; self-starts under a condition, a loop and a local function
using System.Threading.Tasks;
using Multiprocessing;

public static partial class Crawler
{
    [ProcessTarget]
    public static void Fetch(string url) => Mirror.Targets.Fetch.Start(url).Join();

    [ProcessTarget]
    public static async Task<int> Walk(int depth)
    {
        var total = 0;
        foreach (var i in new[] { 1, 2 })
        {
            total += await Targets.Walk.Start(depth - i);
        }

        return total;
    }

    [ProcessTarget]
    public static async Task<int> Split(int n)
    {
        async Task<int> Half() => await Targets.Split.Start(n / 2);
        return n < 2 ? n : await Half() + await Half();
    }

    [ProcessTarget]
    public static async Task<int> Retry(int attempt)
    {
        try
        {
            return attempt;
        }
        catch (System.IO.IOException)
        {
            return await Targets.Retry.Start(attempt + 1);
        }
    }
}

public static partial class Mirror
{
    [ProcessTarget]
    public static void Fetch(string url) { }
}
