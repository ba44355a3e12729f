// expect: none
// output: exe
// a generic-host-like program written by hand: the guard comes first in static async Task Main, then a builder
// registers services through factories (a pool created lazily in a lambda is only stored, not run, and is handed
// on by returning it), a hosted worker keeps its children in a field and joins them when it stops, and the host
// disposes what it owns; nothing here starts a process where a child would run it again, and every child and pool
// is joined, disposed or handed on
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Multiprocessing;

namespace Shop.Host;

public interface IHostedService
{
    Task StartAsync(CancellationToken cancellationToken);

    Task StopAsync(CancellationToken cancellationToken);
}

public sealed class ServiceCollection
{
    private readonly Dictionary<Type, Func<ServiceCollection, object>> _factories = new();
    private readonly Dictionary<Type, object> _singletons = new();

    public ServiceCollection AddSingleton<T>(Func<ServiceCollection, T> factory) where T : class
    {
        _factories[typeof(T)] = s => factory(s);
        return this;
    }

    public T Get<T>() where T : class
    {
        if (!_singletons.TryGetValue(typeof(T), out var instance))
        {
            _singletons[typeof(T)] = instance = _factories[typeof(T)](this);
        }

        return (T)instance;
    }

    public IEnumerable<object> Created => _singletons.Values;
}

public sealed class App : IAsyncDisposable
{
    private readonly ServiceCollection _services;
    private readonly List<IHostedService> _hosted;

    public App(ServiceCollection services, List<IHostedService> hosted)
    {
        _services = services;
        _hosted = hosted;
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        foreach (var service in _hosted) await service.StartAsync(stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, stopping);
        }
        catch (OperationCanceledException)
        {
        }

        foreach (var service in Enumerable.Reverse(_hosted)) await service.StopAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var created in _services.Created.OfType<IAsyncDisposable>()) await created.DisposeAsync();
    }
}

public sealed class IndexingWorker : IHostedService
{
    private readonly ProcessPool _pool;
    private readonly List<ChildProcess> _children = new();

    public IndexingWorker(ProcessPool pool) => _pool = pool;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var shard = 0; shard < 3; shard++)
        {
            _children.Add(Indexer.Targets.Watch.Start(shard, cancellationToken));
        }

        var sizes = await _pool.MapAsync(Indexer.Targets.Size, Enumerable.Range(0, 8), cancellationToken: cancellationToken);
        Console.WriteLine($"indexed {sizes.Sum()} bytes");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var child in _children) child.Terminate();
        await Task.WhenAll(_children.Select(c => c.JoinAsync(cancellationToken)));
    }
}

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        ProcessEntry.Guard();

        using var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopping.Cancel(); };

        var services = new ServiceCollection()
            .AddSingleton(_ => new ProcessPool(workers: args.Length + 1))
            .AddSingleton(s => new IndexingWorker(s.Get<ProcessPool>()));
        await using var app = new App(services, [services.Get<IndexingWorker>()]);
        await app.RunAsync(stopping.Token);
        return 0;
    }
}

public static partial class Indexer
{
    [ProcessTarget]
    public static async Task Watch(int shard, CancellationToken cancellationToken) => await Task.Delay(Timeout.Infinite, cancellationToken);

    [ProcessTarget]
    public static int Size(int shard) => shard * 1024;
}
