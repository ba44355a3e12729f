// expect: none
// caller-info parameters: the stub carries the attribute that takes effect, so Start captures its own caller (the
// output tests check the values a call passes); attributes overridden by another, or naming no parameter, do not
// take effect on the target either, and are left out
using System.Runtime.CompilerServices;
using Multiprocessing;

public static partial class Audit
{
    [ProcessTarget]
    public static string Log(string message, [CallerMemberName] string member = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) => member + file + line;

    [ProcessTarget]
    public static string Check(bool condition, [CallerArgumentExpression("condition")] string expression = "") => expression;

#pragma warning disable CS7080, CS8962, CS8964, CS8965 // the user's own declarations: attributes that have no effect
    [ProcessTarget]
    public static string Overridden(
        [CallerMemberName, CallerFilePath] string where = "",
        [CallerArgumentExpression("where"), CallerMemberName] string who = "",
        [CallerArgumentExpression("nothing")] string none = "",
        [CallerArgumentExpression("self")] string self = "") => where + who + none + self;
#pragma warning restore CS7080, CS8962, CS8964, CS8965

    [ProcessTarget]
    public static string Wide(int a, int b, int c, int d, int e, int f, int g, int h, int i, [CallerArgumentExpression("a")] string first = "", [CallerMemberName] string member = "") => first + member;
}

public static class Uses
{
    public static ChildProcess<string> A() => Audit.Targets.Log.Start("hello");
    public static ChildProcess<string> B() => Audit.Targets.Check.Start(1 + 1 == 2);
    public static ChildProcess<string> C() => Audit.Targets.Overridden.Start();
    public static ChildProcess<string> D() => Audit.Targets.Wide.Start(40 + 2, 2, 3, 4, 5, 6, 7, 8, 9);
}
