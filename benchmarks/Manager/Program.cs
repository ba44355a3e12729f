// ProcessManager figures, defined as the anchors' py_manager.py defines them (see ../run-manager.sh):
//
//   ManagerBench measure [--reps=3] [--variant=NAME] [--nops=20000] [--nbatch=1000000] [--clients=4]
//       -> RESULT {json} lines (the anchors' format, anchors/_common.py emit()) on stdout, readable lines on stderr.
using Multiprocessing;

ProcessEntry.Guard(); // in a child, runs the requested target and exits

return await ManagerBench.Bench.RunAsync(args);
