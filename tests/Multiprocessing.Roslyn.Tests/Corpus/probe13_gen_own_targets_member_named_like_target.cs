// expect: MP0015@16 MP0015@17 MP0015@18 MP0015@19
// members of the user's own partial Targets named like targets: each would clash with that target's descriptor
// (CS0102), so the generator leaves those descriptors out and MP0015 is the only error; a member named like a
// descriptor class renames the class, and a member Targets inherits is hidden, as object's Equals is
using Multiprocessing;

public class TargetsBase
{
    public static int Inherited;
}

public static partial class Jobs
{
    public partial class Targets : TargetsBase
    {
        public static int Work;
        public static void Clean() { }
        public class Report { }
        public static string Status => "idle";
        public static int SquareTarget => 1;
    }

    [ProcessTarget] public static int Work(int n) => n;
    [ProcessTarget] public static void Clean() { }
    [ProcessTarget] public static void Report() { }
    [ProcessTarget] public static string Status(int n) => "";
    [ProcessTarget] public static int Square(int n) => n * n;
    [ProcessTarget] public static int Inherited(int n) => n;
}

public static class Uses
{
    public static int Own() => Jobs.Targets.Work + Jobs.Targets.SquareTarget + Jobs.Targets.Status.Length;
    public static ChildProcess<int> A() => Jobs.Targets.Square.Start(2);
    public static ChildProcess<int> B() => Jobs.Targets.Inherited.Start(2);
}
