using Multiprocessing;

namespace ManagerDemo;

/// <summary>The seed's process_manager.py: five children add to a shared list and a shared dictionary served by a manager.</summary>
public static class Demo
{
    public static async Task RunAsync()
    {
        // Python's `with Manager() as manager:` (no server process here: this process serves the objects)
        using (var manager = new ProcessManager())
        {
            var sharedList = manager.List<string>();
            var sharedDictionary = manager.Dictionary<string, string>();

            var processes = new List<ChildProcess>();
            for (int i = 0; i < 5; i++)
            {
                processes.Add(Workers.Targets.Work.Start(sharedList, sharedDictionary, $"item-{i}"));
            }

            foreach (var p in processes)
            {
                await p.JoinAsync();
                p.Dispose();
            }

            Console.WriteLine($"Shared list: [{string.Join(", ", sharedList.ToArray().Select(item => $"'{item}'"))}]");
            Console.WriteLine($"Shared dictionary: {{{string.Join(", ", sharedDictionary.Snapshot().Select(pair => $"'{pair.Key}': '{pair.Value}'"))}}}");
        }

        Console.WriteLine("The manager is disposed: the shared objects are gone.");
    }
}
