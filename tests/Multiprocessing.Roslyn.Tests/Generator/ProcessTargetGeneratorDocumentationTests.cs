using Multiprocessing.Roslyn.Tests.Infrastructure;

namespace Multiprocessing.Roslyn.Tests.Generator;

/// <summary>The Start stub carries the target's own documentation, so IntelliSense shows it where users call it.</summary>
[TestClass]
public sealed class ProcessTargetGeneratorDocumentationTests
{
    [TestMethod]
    public void StartStub_CarriesTheTargetsDocumentation()
    {
        const string source = """
            using Multiprocessing;

            namespace Demo;

            public static partial class Workers
            {
                /// <summary>Squares <paramref name="n"/>, slowly.</summary>
                /// <param name="n">The number to square.</param>
                /// <returns>The square, see <see cref="System.Math"/>.</returns>
                [ProcessTarget]
                public static int Square(int n) => n * n;

                /// <summary>Waits.</summary>
                /// <remarks>Its own remarks.</remarks>
                [ProcessTarget]
                public static void Wait() { }

                [ProcessTarget]
                public static void Undocumented() { }
            }
            """;
        var (output, diagnostics, result) = GeneratorTestHelper.RunGenerator(GeneratorTestHelper.CreateCompilation(source));
        Assert.IsTrue(diagnostics.IsEmpty);
        Assert.IsTrue(GeneratorTestHelper.ErrorsAndWarnings(output).IsEmpty, GeneratorTestHelper.Describe(GeneratorTestHelper.ErrorsAndWarnings(output)));
        var texts = GeneratorTestHelper.GeneratedTexts(result);

        string square = Unindented(texts["Demo.Workers.Square.g.cs"]);
        StringAssert.Contains(square, """
            /// <summary>Squares <paramref name="n"/>, slowly.</summary>
            /// <param name="n">The number to square.</param>
            /// <returns>The square, see <see cref="T:System.Math"/>.</returns>
            /// <remarks>Starts <c>Workers.Square</c> in a new child process; <c>await</c> the child for its result.</remarks>
            [global::Multiprocessing.CreatesProcess]
            public global::Multiprocessing.ChildProcess<int> Start(int n)
            """.ReplaceLineEndings("\n"));

        string wait = texts["Demo.Workers.Wait.g.cs"];
        StringAssert.Contains(wait, "/// <remarks>Its own remarks.</remarks>\n");
        Assert.AreEqual(1, wait.Split("<remarks>").Length - 1, "the target's remarks are kept, ours not added");

        StringAssert.Contains(texts["Demo.Workers.Undocumented.g.cs"],
            "/// <summary>Starts <c>Workers.Undocumented</c> in a new child process; <c>await</c> the child for its completion.</summary>");
    }

    private static string Unindented(string text) => string.Join("\n", text.Split('\n').Select(line => line.Trim()));
}
