// Shared-memory bandwidth (see ../run-shared.sh):
//
//   SharedMemory measure [--reps=7] [--mib=256] [--variant=NAME] [--c-memcpy=GB/s]
//       -> RESULT {json} lines (the anchors' format) on stdout, readable lines on stderr.
using Multiprocessing;

ProcessEntry.Guard(); // in the child, runs the summing target and exits

return await SharedMemory.Bench.RunAsync(args);
