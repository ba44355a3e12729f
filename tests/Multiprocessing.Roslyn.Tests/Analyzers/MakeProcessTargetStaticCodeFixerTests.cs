using Multiprocessing.Analyzers;
using Verify = Multiprocessing.Roslyn.Tests.Infrastructure.CodeFixVerifier<
    Multiprocessing.Analyzers.Rules.ProcessTargetDeclarationAnalyzer,
    Multiprocessing.CodeFixes.Rules.MakeProcessTargetStaticCodeFixer>;

namespace Multiprocessing.Roslyn.Tests.Analyzers;

[TestClass]
public sealed class MakeProcessTargetStaticCodeFixerTests
{
    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult MP0001(int location, string name) =>
        Verify.Diagnostic(DiagnosticDescriptors.ProcessTargetMustBeStatic).WithLocation(location).WithArguments(name);

    [TestMethod]
    public async Task PublicInstanceMethod_BecomesStatic()
    {
        const string source = """
            using Multiprocessing;

            public partial class Workers
            {
                [ProcessTarget]
                public void {|#0:Work|}(string name) { }
            }
            """;
        const string fixedSource = """
            using Multiprocessing;

            public partial class Workers
            {
                [ProcessTarget]
                public static void Work(string name) { }
            }
            """;

        await Verify.VerifyAsync(source, fixedSource, MP0001(0, "Work"));
    }

    [TestMethod]
    public async Task PartialMethod_BothPartsBecomeStatic_ReportedOnce()
    {
        const string definition = """
            using Multiprocessing;

            public partial class Workers
            {
                [ProcessTarget]
                public partial void {|#0:Work|}(string name);
            }
            """;
        const string implementation = """
            public partial class Workers
            {
                public partial void Work(string name) { }
            }
            """;
        const string fixedDefinition = """
            using Multiprocessing;

            public partial class Workers
            {
                [ProcessTarget]
                public static partial void Work(string name);
            }
            """;
        const string fixedImplementation = """
            public partial class Workers
            {
                public static partial void Work(string name) { }
            }
            """;

        await Verify.VerifyAsync([definition, implementation], [fixedDefinition, fixedImplementation], Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary,
            Microsoft.CodeAnalysis.Testing.CodeFixTestBehaviors.None, withGenerator: false, MP0001(0, "Work"));
    }

    [TestMethod]
    public async Task MethodWithoutModifiers_BecomesStatic()
    {
        const string source = """
            using Multiprocessing;

            partial class Workers
            {
                [ProcessTarget]
                int {|#0:Square|}(int n) => n * n;
            }
            """;
        const string fixedSource = """
            using Multiprocessing;

            partial class Workers
            {
                [ProcessTarget]
                static int Square(int n) => n * n;
            }
            """;

        await Verify.VerifyAsync(source, fixedSource, MP0001(0, "Square"));
    }

    [TestMethod]
    public async Task AsyncMethodInStruct_StaticGoesBeforeAsync()
    {
        const string source = """
            using System.Threading.Tasks;
            using Multiprocessing;

            public partial struct Workers
            {
                [ProcessTarget]
                internal async Task<int> {|#0:SquareAsync|}(int n)
                {
                    await Task.Yield();
                    return n * n;
                }
            }
            """;
        const string fixedSource = """
            using System.Threading.Tasks;
            using Multiprocessing;

            public partial struct Workers
            {
                [ProcessTarget]
                internal static async Task<int> SquareAsync(int n)
                {
                    await Task.Yield();
                    return n * n;
                }
            }
            """;

        await Verify.VerifyAsync(source, fixedSource, MP0001(0, "SquareAsync"));
    }

    [TestMethod]
    public async Task TwoInstanceMethods_FixAllMakesBothStatic()
    {
        const string source = """
            using Multiprocessing;

            public partial class Workers
            {
                [ProcessTarget]
                public void {|#0:Work|}() { }

                [ProcessTarget]
                public int {|#1:Square|}(int n) => n * n;
            }
            """;
        const string fixedSource = """
            using Multiprocessing;

            public partial class Workers
            {
                [ProcessTarget]
                public static void Work() { }

                [ProcessTarget]
                public static int Square(int n) => n * n;
            }
            """;

        await Verify.VerifyAsync(source, fixedSource, MP0001(0, "Work"), MP0001(1, "Square"));
    }

    [TestMethod]
    public async Task AbstractMethod_NoFixOffered()
    {
        const string source = """
            using Multiprocessing;

            public abstract partial class Workers
            {
                [ProcessTarget]
                public abstract void {|#0:Work|}();
            }
            """;

        await Verify.VerifyAsync(source, source, MP0001(0, "Work"));
    }

    [TestMethod]
    public async Task LocalFunction_NoFixOffered()
    {
        const string source = """
            using Multiprocessing;

            public static partial class Workers
            {
                public static void Run()
                {
                    [ProcessTarget]
                    void {|#0:Local|}() { }

                    Local();
                }
            }
            """;

        await Verify.VerifyAsync(source, source, MP0001(0, "Local"));
    }
}
