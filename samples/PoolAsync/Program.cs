using Multiprocessing;

ProcessEntry.Guard();

await PoolAsync.Demo.RunAsync();
