// expect: MP0003@8 MP0003@11
// params parameters and generic methods
using Multiprocessing;

public static partial class Workers
{
    [ProcessTarget]
    public static int Sum(params int[] items) => items.Length;  // MP0003

    [ProcessTarget]
    public static T Echo<T>(T value) => value;  // MP0003
}
