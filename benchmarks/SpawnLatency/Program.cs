// Spawn -> result latency of a trivial process target (Start + awaited result + exit), next to a bare no-op
// process of the same kind (this executable started with `noop`), both timed from this parent, interleaved.
//
//   SpawnLatency measure <reps> [--variant=NAME] [--warmup=N] [--only=ours|bare]
//       -> RESULT {json} lines (the anchors' format): mp.spawn.start_await_1 and net.spawn.bare_noop
//   SpawnLatency noop        the bare process: returns at once (after the guard, which is a getenv)
//
// SPAWN_PROFILE=<file> (optional): children append their probe timestamps to <file>, and `measure` prints
// a breakdown of where the time goes (process start, runtime start-up, guard -> target, exit -> parent wake-up).
using Multiprocessing;

ProcessEntry.Guard(); // in a child, runs the requested target and exits

// The bare process of the same kind: nothing after the guard but returning. Main stays synchronous so that the
// bare child JIT-compiles no async state machine.
if (args is ["noop"])
{
    return 0;
}

return SpawnLatency.Bench.RunAsync(args).GetAwaiter().GetResult();
