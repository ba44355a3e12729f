using Multiprocessing;
using MultiprocessingConsole;

// Python's `if __name__ == '__main__':`. A child process re-runs this program: here it runs the target it was
// started for and exits. In the parent it returns at once. Keep it the first statement (analyzer rule MP0006).
ProcessEntry.Guard();

Console.WriteLine($"Main process (pid {Environment.ProcessId})");

// One child process: Process(target=greet, args=("child",)).start(); p.join()
using (var child = Workers.Targets.Greet.Start("child"))
{
    await child.JoinAsync();
    Console.WriteLine($"The child exited with code {child.ExitCode}.");
}

// A pool of worker processes: with Pool(4) as pool: pool.map(square, range(1, 11))
await using var pool = new ProcessPool(workers: 4);
int[] squares = await pool.MapAsync(Workers.Targets.Square, Enumerable.Range(1, 10));
Console.WriteLine($"Squares: {string.Join(", ", squares)}");
