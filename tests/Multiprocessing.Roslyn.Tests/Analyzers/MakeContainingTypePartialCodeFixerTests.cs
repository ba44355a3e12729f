using Multiprocessing.Analyzers;
using Verify = Multiprocessing.Roslyn.Tests.Infrastructure.CodeFixVerifier<
    Multiprocessing.Analyzers.Rules.ProcessTargetDeclarationAnalyzer,
    Multiprocessing.CodeFixes.Rules.MakeContainingTypePartialCodeFixer>;

namespace Multiprocessing.Roslyn.Tests.Analyzers;

[TestClass]
public sealed class MakeContainingTypePartialCodeFixerTests
{
    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult MP0002(int location, string type, string target) =>
        Verify.Diagnostic(DiagnosticDescriptors.ContainingTypeMustBePartial).WithLocation(location).WithArguments(type, target);

    [TestMethod]
    public async Task PublicStaticClass_BecomesPublicStaticPartial()
    {
        const string source = """
            using Multiprocessing;

            namespace App;

            public static class Workers
            {
                [ProcessTarget]
                public static int {|#0:Square|}(int n) => n * n;
            }
            """;
        const string fixedSource = """
            using Multiprocessing;

            namespace App;

            public static partial class Workers
            {
                [ProcessTarget]
                public static int Square(int n) => n * n;
            }
            """;

        await Verify.VerifyAsync(source, fixedSource, MP0002(0, "Workers", "Square"));
    }

    [TestMethod]
    public async Task ClassWithoutModifiersAndWithAttribute_PartialTakesTheKeywordPlace()
    {
        const string source = """
            using System;
            using Multiprocessing;

            /// <summary>Workers.</summary>
            [Serializable]
            class Workers
            {
                [ProcessTarget]
                public static void {|#0:Work|}() { }
            }
            """;
        const string fixedSource = """
            using System;
            using Multiprocessing;

            /// <summary>Workers.</summary>
            [Serializable]
            partial class Workers
            {
                [ProcessTarget]
                public static void Work() { }
            }
            """;

        await Verify.VerifyAsync(source, fixedSource, MP0002(0, "Workers", "Work"));
    }

    [TestMethod]
    public async Task RecordStructAndRefStruct_PartialGoesRightBeforeTheTypeKeyword()
    {
        const string source = """
            using Multiprocessing;

            public readonly record struct Point(int X, int Y)
            {
                [ProcessTarget]
                public static int {|#0:Zero|}() => 0;
            }

            public ref struct Buffer
            {
                [ProcessTarget]
                public static int {|#1:One|}() => 1;
            }
            """;
        const string fixedSource = """
            using Multiprocessing;

            public readonly partial record struct Point(int X, int Y)
            {
                [ProcessTarget]
                public static int Zero() => 0;
            }

            public ref partial struct Buffer
            {
                [ProcessTarget]
                public static int One() => 1;
            }
            """;

        await Verify.VerifyAsync(source, fixedSource, MP0002(0, "Point", "Zero"), MP0002(1, "Buffer", "One"));
    }

    [TestMethod]
    public async Task NestedNonPartialTypes_OneFixMakesBothPartial()
    {
        const string source = """
            using Multiprocessing;

            public class Outer
            {
                internal static class Inner
                {
                    [ProcessTarget]
                    public static void {|#0:Work|}() { }
                }
            }
            """;
        const string fixedSource = """
            using Multiprocessing;

            public partial class Outer
            {
                internal static partial class Inner
                {
                    [ProcessTarget]
                    public static void Work() { }
                }
            }
            """;

        await Verify.VerifyAsync(source, fixedSource, MP0002(0, "Outer.Inner", "Work"));
    }

    [TestMethod]
    public async Task TwoNonPartialClasses_FixAllMakesBothPartial()
    {
        const string source = """
            using Multiprocessing;

            public static class Workers
            {
                [ProcessTarget]
                public static void {|#0:Work|}() { }

                [ProcessTarget]
                public static int {|#1:Square|}(int n) => n * n;
            }

            public sealed class Helpers
            {
                [ProcessTarget]
                public static void {|#2:Help|}() { }
            }
            """;
        const string fixedSource = """
            using Multiprocessing;

            public static partial class Workers
            {
                [ProcessTarget]
                public static void Work() { }

                [ProcessTarget]
                public static int Square(int n) => n * n;
            }

            public sealed partial class Helpers
            {
                [ProcessTarget]
                public static void Help() { }
            }
            """;

        await Verify.VerifyAsync(
            source,
            fixedSource,
            MP0002(0, "Workers", "Work"),
            MP0002(1, "Workers", "Square"),
            MP0002(2, "Helpers", "Help"));
    }

    [TestMethod]
    public async Task GenericType_NoFixOffered()
    {
        const string source = """
            using Multiprocessing;

            public static class Box<T>
            {
                [ProcessTarget]
                public static void {|#0:Work|}() { }
            }
            """;

        await Verify.VerifyAsync(source, source, MP0002(0, "Box<T>", "Work"));
    }
}
