// expect: none
// the containing type declares nested types named like the System and Multiprocessing types the generated code uses
using System.Collections.Generic;
using MemoryPack;
using Multiprocessing;

namespace App
{
    public struct CancellationToken { public int Value; }

    public static partial class Workers
    {
        public struct Task { public int Id; }
        public struct Action { public int Code; }
        public struct Func { public int Code; }
        public struct ValueTuple { public int A; }
        public struct String { public int Length; }
        public struct Delegate { public int X; }
        public struct ChildProcess { public int Pid; }
        public static class Multiprocessing { public const int Version = 1; }
        public static class System { public const int Version = 1; }
        public static class MemoryPack { public const int Version = 1; }
        public static class global { public const int Version = 1; }

        [ProcessTarget]
        public static Task Make(Task t, Action a, Func f, ValueTuple v, String s) => t;

        [ProcessTarget]
        public static global::System.Threading.Tasks.Task<ValueTuple> Later(CancellationToken notAToken, Delegate d, ChildProcess c) =>
            global::System.Threading.Tasks.Task.FromResult(default(ValueTuple));

        [ProcessTarget]
        public static async global::System.Threading.Tasks.Task Wait(int ms, global::System.Threading.CancellationToken token) =>
            await global::System.Threading.Tasks.Task.Delay(ms, token);

        [ProcessTarget]
        public static List<Task>? Many(Dictionary<string, Task[]> byName) => null;
    }

    public static class UseWorkers
    {
        public static global::Multiprocessing.ChildProcess<Workers.Task> A() =>
            Workers.Targets.Make.Start(new Workers.Task(), new Workers.Action(), new Workers.Func(), new Workers.ValueTuple(), s: new Workers.String());
        public static global::Multiprocessing.ChildProcess<Workers.ValueTuple> B() =>
            Workers.Targets.Later.Start(new CancellationToken(), new Workers.Delegate(), new Workers.ChildProcess());
        public static global::Multiprocessing.ChildProcess C(global::System.Threading.CancellationToken t) => Workers.Targets.Wait.Start(5, token: t);
        public static global::Multiprocessing.ChildProcess<List<Workers.Task>?> D() => Workers.Targets.Many.Start(new());
    }
}
