using Microsoft.CodeAnalysis;
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
    public async Task TheStaticConstructorOfTheTypeHoldingMain_RunsInEveryChild()
    {
        // it runs before Main in every process (MP0007): a child sees what it assigns; Main's own assignments it does not
        const string program = """
            using Multiprocessing;

            public static class Program
            {
                static Program() => Settings.Scale = 3;

                public static void Main()
                {
                    ProcessEntry.Guard();
                    Settings.Level = 2;
                    Jobs.Targets.Work.Start(1).Join();
                }
            }

            public static class Settings
            {
                public static int Scale = 1;
                public static int Level;
            }

            public static partial class Jobs
            {
                [ProcessTarget]
                public static int Work(int n) => n * Settings.Scale + {|#0:Settings.Level|};
            }
            """;

        await Verify.VerifyWithGeneratorAsync([program], OutputKind.ConsoleApplication, MP0011(0, "Work", "field", "Settings.Level"));
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

    [TestMethod]
    public async Task GenericTypes_WritesThroughTheTypeParameterCount_AndTheMessageNamesTheTypeAsRead()
    {
        const string source = """
            using Multiprocessing;

            public static class Cache<T>
            {
                public static T? Value;
                public static void Set(T value) => Value = value;
            }

            public static class Defaults<T>
            {
                public static int Retries { get; set; } = 3;
                public static int Timeout;
            }

            public static class Outer<T>
            {
                public static class Inner { public static int Depth; }
            }

            public static class Setup
            {
                public static void Configure()
                {
                    Cache<string>.Set("eu");
                    Defaults<int>.Retries = 5;
                    Defaults<long>.Timeout = 30;     // another constructed type: other storage
                    Outer<int>.Inner.Depth = 2;
                }
            }

            public static partial class Workers
            {
                [ProcessTarget] public static string Region() => {|#0:Cache<string>.Value|} ?? "";
                [ProcessTarget] public static int Retries() => {|#1:Defaults<int>.Retries|};
                [ProcessTarget] public static int Timeout() => Defaults<int>.Timeout;
                [ProcessTarget] public static int Depth() => {|#2:Outer<int>.Inner.Depth|} + Outer<string>.Inner.Depth;
            }
            """;

        await Verify.VerifyAsync(
            source,
            MP0011(0, "Region", "field", "Cache<string>.Value"),
            MP0011(1, "Retries", "property", "Defaults<int>.Retries"),
            MP0011(2, "Depth", "field", "Outer<int>.Inner.Depth"));
    }

    [TestMethod]
    public async Task WritesInLambdasAndLocalFunctions_GetNoInitializerExemption()
    {
        // code in a lambda or local function runs when it is called, maybe by the parent after the guard,
        // not when the static initializer, static constructor or module initializer around it runs
        const string source = """
            using System;
            using System.Runtime.CompilerServices;
            using Multiprocessing;

            public static class Limits
            {
                public static int Batch = 16;
                public static int Depth;
                public static int Width;
                public static readonly Action<int> Apply = size => Batch = size;
                public static Action? Reset;

                static Limits()
                {
                    Depth = 1;                      // runs in the child too
                    Reset = () => Depth = 0;
                }
            }

            public static class Boot
            {
                public static Action? Widen;

                [ModuleInitializer]
                internal static void Init()
                {
                    Limits.Width = 2;               // runs in the child too
                    Widen = Later;
                    void Later() => Limits.Width = 4;
                }
            }

            public static partial class Workers
            {
                static Workers() => Tune = n => s_own = n;

                private static int s_own;
                public static Action<int>? Tune;

                [ProcessTarget] public static int Batch() => {|#0:Limits.Batch|};
                [ProcessTarget] public static int Depth() => {|#1:Limits.Depth|};
                [ProcessTarget] public static int Width() => {|#2:Limits.Width|};
                [ProcessTarget] public static int Own() => {|#3:s_own|};
            }
            """;

        await Verify.VerifyAsync(
            source,
            MP0011(0, "Batch", "field", "Limits.Batch"),
            MP0011(1, "Depth", "field", "Limits.Depth"),
            MP0011(2, "Width", "field", "Limits.Width"),
            MP0011(3, "Own", "field", "Workers.s_own"));
    }

    [TestMethod]
    public async Task WritesThroughARefReturnedByAMethodOrProperty_AssignTheField()
    {
        const string source = """
            using System.Threading;
            using Multiprocessing;

            public struct Range { public int Max; }

            public static class Quotas
            {
                public static int Cpu = 1, Memory = 1, Version, Spare, Pinned, Untouched, Child, Blocked, Local;
                public static Range Bounds;

                public static ref int Slot(string name)
                {
                    if (name == "cpu") return ref Cpu;
                    return ref Memory;
                }

                public static ref int Current => ref Version;
                public static ref int Either(bool spare) => ref spare ? ref Spare : ref Pinned;
                public static ref int Forward() => ref Current;
                public static ref Range Limits => ref Bounds;
                public static ref readonly int Peek => ref Untouched;
                public static ref int ChildSlot => ref Child;
                public static ref int Block { get { return ref Blocked; } }
            }

            public static class Parent
            {
                public static void Run()
                {
                    Quotas.Slot("cpu") = 8;
                    Quotas.Current++;
                    Interlocked.Increment(ref Quotas.Either(true));
                    ref int pinned = ref Quotas.Forward();
                    pinned = 3;
                    Quotas.Limits.Max = 10;
                    int seen = Quotas.Peek + Quotas.Slot("memory");    // reads only
                    Quotas.Block -= 1;
                    Local() = 5;

                    static ref int Local() => ref Quotas.Local;
                }
            }

            public static partial class Workers
            {
                [ProcessTarget] public static int Cpu() => {|#0:Quotas.Cpu|} + {|#4:Quotas.Memory|};   // Slot may return either
                [ProcessTarget] public static int Version() => {|#1:Quotas.Version|} + {|#2:Quotas.Spare|} + {|#5:Quotas.Pinned|};
                [ProcessTarget] public static int Bounds() => {|#3:Quotas.Bounds|}.Max + Quotas.Untouched + {|#6:Quotas.Blocked|} + {|#7:Quotas.Local|};

                [ProcessTarget]
                public static int Child()
                {
                    Quotas.ChildSlot = 2;           // written in the child itself
                    return Quotas.Child;
                }
            }
            """;

        await Verify.VerifyAsync(
            source,
            MP0011(0, "Cpu", "field", "Quotas.Cpu"),
            MP0011(1, "Version", "field", "Quotas.Version"),
            MP0011(2, "Version", "field", "Quotas.Spare"),
            MP0011(3, "Bounds", "field", "Quotas.Bounds"),
            MP0011(4, "Cpu", "field", "Quotas.Memory"),
            MP0011(5, "Version", "field", "Quotas.Pinned"),
            MP0011(6, "Bounds", "field", "Quotas.Blocked"),
            MP0011(7, "Bounds", "field", "Quotas.Local"));
    }
}
