// ProcessQueue<T> and ProcessPipe figures, defined as the anchors' py_queue.py and py_pipe.py define them (see
// ../README.md, "Queue and pipe"):
//
//   Channels measure [--reps=5] [--variant=NAME] [--nsmall=1000000] [--nbig=10000] [--npp=100000] [--nblk=2048] [--only=FIGURE,...]
//       -> RESULT {json} lines (the anchors' format, anchors/_common.py emit()) on stdout, readable lines on stderr.
//          FIGURE: queue_small, queue_64k, pingpong, pipe_stream (default: all).
using Multiprocessing;

ProcessEntry.Guard(); // in a child, runs the requested target and exits

return await ChannelsBench.Bench.RunAsync(args);
