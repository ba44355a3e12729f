// expect: none
// queues and pipe ends cross by name, even though a queue is a Channel<T>
using System.Collections.Generic;
using System.Threading.Channels;
using Multiprocessing;

public static partial class Channels
{
    [ProcessTarget]
    public static void Produce(ProcessQueue<int> queue, PipeConnection<string> connection) { }

    [ProcessTarget]
    public static void Batches(ProcessQueue<List<int>> queue) { }
}
