// expect: none
// targets named like the descriptor's and object's members, like other targets' descriptor classes, and a type
// named like a descriptor class
using Multiprocessing;

public static partial class Members
{
    [ProcessTarget]
    public static int Start(int n) => n;

    [ProcessTarget]
    public static int With(int n) => n;

    [ProcessTarget]
    public static int Id(int n) => n;

    [ProcessTarget]
    public static int Name(int n) => n;

    [ProcessTarget]
    public static int Options(int n) => n;

    [ProcessTarget]
    public static bool Equals(int a, int b) => a == b;

    [ProcessTarget]
    public static string ToString(int n) => n.ToString();

    [ProcessTarget]
    public static int GetHashCode(string s) => s.Length;

    [ProcessTarget]
    public static bool ReferenceEquals(string a, string b) => a == b;

    [ProcessTarget]
    public static int A(int n) => n;

    [ProcessTarget]
    public static int ATarget(int n) => n;

    [ProcessTarget]
    public static int ATarget_(int n) => n;

    [ProcessTarget]
    public static int StartTarget(int n) => n;
}

public static partial class RunTarget
{
    [ProcessTarget]
    public static int Run(int n) => n;
}

public static partial class Targetz
{
    [ProcessTarget]
    public static int TargetsTarget(int n) => n;

    [ProcessTarget]
    public static int Targets_(int n) => n;
}

public static class UseMembers
{
    public static ChildProcess<int> A() => Members.Targets.Start.Start(n: 1);
    public static ChildProcess<int> B() => Members.Targets.With.With(new ProcessOptions()).Start(2);
    public static ChildProcess<int> C() => Members.Targets.Id.Start(3);
    public static ChildProcess<int> D() => Members.Targets.Name.Start(4);
    public static ChildProcess<bool> E() => Members.Targets.Equals.Start(1, 2);
    public static ChildProcess<string> F() => Members.Targets.ToString.Start(1);
    public static ChildProcess<int> G() => Members.Targets.A.Start(1);
    public static ChildProcess<int> H() => Members.Targets.ATarget.Start(1);
    public static ChildProcess<int> I() => Members.Targets.ATarget_.Start(1);
    public static ChildProcess<int> J() => Members.Targets.StartTarget.Start(1);
    public static ChildProcess<int> K() => RunTarget.Targets.Run.Start(1);
    public static ChildProcess<int> L() => Targetz.Targets.TargetsTarget.Start(1);
    public static ChildProcess<bool> M() => Members.Targets.ReferenceEquals.Start("a", "b");
    public static ChildProcess<int> N() => Members.Targets.Options.Start(1);
}
