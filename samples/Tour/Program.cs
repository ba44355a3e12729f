using Multiprocessing;

ProcessEntry.Guard();

await Section("hello_process: two workers, started and joined", HelloProcess.Demo.RunAsync);
await Section("process_pool_map: a pool of 4 squares 1..10", PoolMap.Demo.RunAsync);
await Section("process_pool_async: five ApplyAsync calls on a pool of 3", PoolAsync.Demo.RunAsync);
await Section("process_queue: a producer and a consumer share a queue", QueueDemo.Demo.RunAsync);
await Section("process_pipe: a child sends 1..5 through a pipe and closes it", PipeDemo.Demo.RunAsync);
await Section("process_manager: five children fill a shared list and dictionary", ManagerDemo.Demo.RunAsync);

static async Task Section(string title, Func<Task> sample)
{
    Console.WriteLine($"=== {title} ===");
    await sample();
    Console.WriteLine();
}
