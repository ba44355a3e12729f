// expect: none
// namespaces whose last segment is the name of a type inside them (Acme.Workers.Workers), or the name of a
// namespace the generated code uses (Acme.Multiprocessing, Acme.System, Acme.MemoryPack): the generated
// descriptors and dispatch table must still compile without warnings
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Multiprocessing;

namespace Acme.Workers
{
    public static partial class Workers
    {
        [ProcessTarget]
        public static int Square(int n) => n * n;
    }
}

namespace Acme.Multiprocessing
{
    public static partial class Jobs
    {
        [global::Multiprocessing.ProcessTarget]
        public static async Task<List<int>> Run(List<int> items, CancellationToken cancellationToken) { await Task.Yield(); return items; }
    }

    public sealed class ProcessEntry { }

    public sealed class ChildProcess { }
}

namespace Acme.System
{
    public static partial class Clock
    {
        [global::Multiprocessing.ProcessTarget]
        public static global::System.DateTime Now(global::System.TimeSpan offset) => global::System.DateTime.UtcNow + offset;
    }

    public sealed class Threading { }
}

namespace Acme.MemoryPack
{
    public static partial class Codec
    {
        [global::Multiprocessing.ProcessTarget]
        public static byte[] Pack(int[] values, Dictionary<string, int> index) => new byte[values.Length];
    }
}

namespace Acme
{
    public static class Use
    {
        public static async Task<int> All()
        {
            var square = await Workers.Workers.Targets.Square.Start(3);
            var items = await Multiprocessing.Jobs.Targets.Run.Start([1, 2], CancellationToken.None);
            var now = await System.Clock.Targets.Now.Start(global::System.TimeSpan.Zero);
            var packed = await MemoryPack.Codec.Targets.Pack.Start([1], new Dictionary<string, int>());
            return square + items.Count + now.Second + packed.Length;
        }
    }
}
