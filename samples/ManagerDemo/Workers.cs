using Multiprocessing;

namespace ManagerDemo;

public static partial class Workers
{
    /// <summary>The seed's worker: changes the shared list and the shared dictionary through their proxies.</summary>
    [ProcessTarget]
    public static void Work(ManagedList<string> sharedList, ManagedDictionary<string, string> sharedDictionary, string item)
    {
        sharedList.Add(item);
        sharedDictionary[item] = $"value_for_{item}";
        Console.WriteLine($"Process {Environment.ProcessId} changed the shared data.");
    }
}
