using MemoryPack;

namespace Multiprocessing.Tests;

/// <summary>Targets for <see cref="ManagerTests"/>: manager proxies used in real children, and update functions.</summary>
public static partial class ManagerTargets
{
    // ---- update functions (run in the manager's process) -------------------------------------------------------

    /// <summary>An update function with an argument.</summary>
    [ProcessTarget]
    public static int Add(int current, int delta) => current + delta;

    /// <summary>An update function without one.</summary>
    [ProcessTarget]
    public static int Increment(int current) => current + 1;

    /// <summary>An update function on a reference type.</summary>
    [ProcessTarget]
    public static string Shout(string current, string suffix) => current.ToUpperInvariant() + suffix;

    /// <summary>An update function that fails.</summary>
    [ProcessTarget]
    public static int Explode(int current) => throw new InvalidOperationException($"no update for {current}");

    // ---- children ---------------------------------------------------------------------------------------------

    /// <summary>The seed's process_manager.py worker: appends <c>item-i</c> and sets <c>dict[item-i]</c>; returns what the parent wrote.</summary>
    [ProcessTarget]
    public static string AppendAndSet(ManagedList<string> list, ManagedDictionary<string, string> dictionary, int i)
    {
        list.Add($"item-{i}");
        dictionary[$"item-{i}"] = $"value_for_item-{i}";
        return dictionary["from-parent"];
    }

    /// <summary>Adds 1 to <c>counts[key]</c> <paramref name="times"/> times, through the manager's atomic update.</summary>
    [ProcessTarget]
    public static void Count(ManagedDictionary<string, int> counts, ManagedValue<int> total, string key, int times)
    {
        for (int i = 0; i < times; i++)
        {
            if (i % 2 == 0)
            {
                counts.AddOrUpdate(key, 1, Targets.Add, 1);
            }
            else
            {
                counts.Update(key, Targets.Increment);
            }

            total.Update(Targets.Add, 1);
        }
    }

    /// <summary>Batched operations from a child; returns the sum it read back.</summary>
    [ProcessTarget]
    public static long Batches(ManagedDictionary<int, long> dictionary, ManagedList<int> list, int count)
    {
        dictionary.SetMany(Enumerable.Range(0, count).Select(i => KeyValuePair.Create(i, (long)i * 3)));
        list.AddRange(Enumerable.Range(0, count));
        long sum = dictionary.GetMany(Enumerable.Range(0, count)).Sum();
        return sum + list.ToArray().Sum(i => (long)i);
    }

    /// <summary>A pool task: appends <paramref name="i"/>.</summary>
    [ProcessTarget]
    public static void AddTo(ManagedList<int> list, int i) => list.Add(i);

    /// <summary>Finds a list proxy stored in a dictionary (a proxy inside a shared object) and appends to it.</summary>
    [ProcessTarget]
    public static int AppendToNested(ManagedDictionary<string, ManagedList<int>> lists, string name, int item)
    {
        var list = lists[name];
        list.Add(item);
        return list.Count;
    }

    /// <summary>Writes forever (until killed), after saying it started.</summary>
    [ProcessTarget]
    public static void Hammer(ManagedDictionary<int, int> dictionary, int key)
    {
        for (int i = 0; ; i++)
        {
            dictionary[key] = i;
            dictionary.AddOrUpdate(-key, 0, Targets.Add, 1);
        }
    }

    /// <summary>Sets a key, then waits for the parent's signal and tries again: returns what the second try threw.</summary>
    [ProcessTarget]
    public static string UseAfterSignal(ManagedDictionary<string, int> dictionary, ProcessEvent ready, ProcessEvent disposed)
    {
        dictionary["child"] = Environment.ProcessId;
        ready.Set();
        if (!disposed.Wait(TimeSpan.FromSeconds(20)))
        {
            return "timeout";
        }

        return Describe(() => dictionary["child"]);
    }

    /// <summary>Uses a proxy whose manager is already gone: returns what it threw.</summary>
    [ProcessTarget]
    public static string UseGone(ManagedDictionary<string, int> dictionary) => Describe(() => dictionary.Count);

    /// <summary>Reads a dictionary proxy that was serialized with other type arguments: returns what it threw.</summary>
    [ProcessTarget]
    public static string ReadMismatched(byte[] proxy)
    {
        var wrong = MemoryPackSerializer.Deserialize<ManagedDictionary<string, string>>(proxy)!;
        return Describe(() => wrong["a"]);
    }

    private static string Describe<T>(Func<T> action)
    {
        try
        {
            return $"no exception: {action()}";
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
    }
}
