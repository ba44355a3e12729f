// ProcessPool figures with 2 workers, defined as the anchors' py_pool.py defines them (see README.md):
//
//   PoolThroughput measure [--reps=5] [--variant=NAME] [--n=100000] [--napply=10000] [--nsync=2000] [--only=FIGURE,...]
//       -> RESULT {json} lines (the anchors' format, anchors/_common.py emit()) on stdout, readable lines on stderr.
//          FIGURE: create_close, map, map_cs1000, apply_async, apply_sync, rss (default: all).
using Multiprocessing;

ProcessEntry.Guard(); // in a pool worker, runs the worker loop and exits

return await PoolThroughput.Bench.RunAsync(args);
