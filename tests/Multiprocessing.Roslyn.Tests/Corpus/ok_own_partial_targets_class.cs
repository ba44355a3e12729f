// expect: none
// a nested partial class named Targets joins the generated one; Targets<T> and a Targets member of a type without targets are other names
using Multiprocessing;

public static partial class Workers
{
    public static partial class Targets
    {
        public static int Count => 1;
    }

    public sealed class Targets<T>
    {
    }

    [ProcessTarget]
    public static int Square(int n) => n * n;
}

public static class Settings
{
    public static readonly string[] Targets = ["a"];
}

public static class Uses
{
    public static int Both() => Workers.Targets.Count + Workers.Targets.Square.Name.Length;
}
