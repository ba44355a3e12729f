using Multiprocessing.Analyzers;
using Verify = Multiprocessing.Roslyn.Tests.Infrastructure.AnalyzerVerifier<Multiprocessing.Analyzers.Rules.StaticStateAnalyzer>;

namespace Multiprocessing.Roslyn.Tests.Analyzers;

[TestClass]
public sealed class StaticStateAnalyzerTests
{
    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult MP0011(int location, string target, string kind, string member) =>
        Verify.Diagnostic(DiagnosticDescriptors.StaticStateIsNotShared).WithLocation(location).WithArguments(target, kind, member);

    [TestMethod]
    public async Task TargetReadsAStaticTheParentAssigns_ReportsMP0011()
    {
        const string source = """
            using Multiprocessing;

            public static class Settings
            {
                public static int Scale = 1;
                public static string Prefix { get; set; } = "";
                public static void Configure(int scale, string prefix)
                {
                    Scale = scale;
                    Prefix = prefix;
                }
            }

            public static partial class Workers
            {
                private static int s_calls;

                public static void Count() => s_calls++;

                [ProcessTarget]
                public static string Work(int n) => {|#0:Settings.Prefix|} + (n * {|#1:Settings.Scale|} + {|#2:s_calls|});
            }
            """;

        await Verify.VerifyAsync(
            source,
            MP0011(0, "Work", "property", "Settings.Prefix"),
            MP0011(1, "Work", "field", "Settings.Scale"),
            MP0011(2, "Work", "field", "Workers.s_calls"));
    }

    [TestMethod]
    public async Task WritesThroughRefAndTuplesCount()
    {
        const string source = """
            using System.Threading;
            using Multiprocessing;

            public static partial class Workers
            {
                private static int s_a, s_b;

                public static void Parent()
                {
                    Interlocked.Increment(ref s_a);
                    (s_b, _) = (2, 3);
                }

                [ProcessTarget]
                public static int Work() => {|#0:s_a|} + {|#1:s_b|};
            }
            """;

        await Verify.VerifyAsync(source, MP0011(0, "Work", "field", "Workers.s_a"), MP0011(1, "Work", "field", "Workers.s_b"));
    }

    [TestMethod]
    public async Task ATargetThatUpdatesAStaticReadsItsInitialValue_ReportsMP0011()
    {
        const string source = """
            using System.Threading;
            using Multiprocessing;

            public static partial class Stats
            {
                public static long Total;
                public static int Count;
                public static int Seen;

                public static void Reset()
                {
                    Total = 100;
                    Count = 5;
                    Seen = 1;
                }

                [ProcessTarget]
                public static long Add(long n) => Interlocked.Add(ref {|#0:Total|}, n);

                [ProcessTarget]
                public static void Bump()
                {
                    {|#1:Count|} += 2;
                    {|#2:Seen|}++;
                }
            }
            """;

        await Verify.VerifyAsync(
            source,
            MP0011(0, "Add", "field", "Stats.Total"),
            MP0011(1, "Bump", "field", "Stats.Count"),
            MP0011(2, "Bump", "field", "Stats.Seen"));
    }

    [TestMethod]
    public async Task WritingAMemberOfAStaticStructAssignsTheStatic()
    {
        const string source = """
            using Multiprocessing;

            public struct Limits
            {
                public int Max;
            }

            public static partial class Settings
            {
                public static Limits Current;

                public static void Configure() => Current.Max = 10;

                [ProcessTarget]
                public static int Cap(int n) => n > {|#0:Current|}.Max ? {|#1:Current|}.Max : n;
            }
            """;

        await Verify.VerifyAsync(source, MP0011(0, "Cap", "field", "Settings.Current"), MP0011(1, "Cap", "field", "Settings.Current"));
    }

    [TestMethod]
    public async Task NameofAnOutArgumentAndAPlainAssignmentInATarget_AreSilent()
    {
        const string source = """
            using Multiprocessing;

            public static class Settings
            {
                public static int Scale;
                public static int Last;
                public static int Pair;

                public static void Configure() => (Scale, Last, Pair) = (2, 3, 4);
            }

            public static partial class Workers
            {
                [ProcessTarget]
                public static string Describe(int n)
                {
                    Settings.Last = n;                    // written in the child, not read
                    Set(out Settings.Pair);
                    return nameof(Settings.Scale) + n;    // a name, not a value
                }

                private static void Set(out int value) => value = 1;
            }
            """;

        await Verify.VerifyAsync(source);
    }

    [TestMethod]
    public async Task ConstReadonlyInitializedOnlyOrWrittenInTargets_AreSilent()
    {
        const string source = """
            using System.Collections.Generic;
            using Multiprocessing;

            public static partial class Workers
            {
                private const int Limit = 10;
                private static readonly List<int> s_table = new() { 1, 2 };
                private static int s_initialized = Compute();
                private static int s_fromCctor;
                private static int s_childOnly;
                public static int Computed => Limit * 2;     // no setter

                static Workers() => s_fromCctor = 3;

                private static int Compute() => 4;

                [ProcessTarget]
                public static int Work(int n)
                {
                    s_childOnly = n;   // written in the child itself
                    return Limit + s_table.Count + s_initialized + s_fromCctor + s_childOnly + Computed;
                }

                public static int NotATarget() => s_childOnly;
            }
            """;

        await Verify.VerifyAsync(source);
    }
}
