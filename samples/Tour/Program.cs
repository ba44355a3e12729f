using Multiprocessing;

ProcessEntry.Guard();

await Section("hello_process: two workers, started and joined", HelloProcess.Demo.RunAsync);

static async Task Section(string title, Func<Task> sample)
{
    Console.WriteLine($"=== {title} ===");
    await sample();
    Console.WriteLine();
}
