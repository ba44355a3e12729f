using Multiprocessing;

ProcessEntry.Guard();

await PoolMap.Demo.RunAsync();
