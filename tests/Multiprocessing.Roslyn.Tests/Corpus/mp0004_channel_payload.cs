// expect: MP0004@10 MP0004@13 MP0004@16
// a queue or a pipe crosses, but what it carries must cross too; an in-process channel never does
using System.IO;
using System.Threading.Channels;
using Multiprocessing;

public static partial class Channels
{
    [ProcessTarget]
    public static void Files(ProcessQueue<Stream> queue) { }  // MP0004

    [ProcessTarget]
    public static void Callbacks(PipeConnection<System.Action> connection) { }  // MP0004

    [ProcessTarget]
    public static void Local(Channel<int> channel) { }  // MP0004
}
