using Multiprocessing;

ProcessEntry.Guard(); // in a child, runs the requested target and exits: Python's `if __name__ == '__main__':`

await ManagerDemo.Demo.RunAsync();
