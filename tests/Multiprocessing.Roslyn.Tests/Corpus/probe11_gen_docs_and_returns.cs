// expect: none
// XML documentation with escapes, crefs, paramrefs, code blocks, CDATA, remarks, inheritdoc and /** */ comments,
// on void, Task, ValueTask, Task<T>, ValueTask<T> and async targets; and a doc comment with CR-only line endings
using System.Collections.Generic;
using System.Threading.Tasks;
using Multiprocessing;

public static partial class Documented
{
    /// <summary>Compares <paramref name="a"/> &lt; <paramref name="b"/> &amp;&amp; returns a <see cref="List{T}"/>
    /// of <see cref="int"/>; see <see cref="Documented.Async"/> and <see href="https://example.com/?a=1&amp;b=2">docs</see>.</summary>
    /// <param name="a">The left side, "quoted" and 'single'.</param>
    /// <param name="b">The right side: <c>b &gt; 0</c>.</param>
    /// <returns>A list; <see langword="null"/> never.</returns>
    /// <example>
    /// <code>
    /// var child = Documented.Targets.Compare.Start(1, 2);
    ///     if (a &lt; b) { /* nested */ }
    /// </code>
    /// </example>
    /// <exception cref="System.ArgumentException">never</exception>
    [ProcessTarget]
    public static List<int> Compare(int a, int b) => [a, b];

    /// <summary><![CDATA[raw <xml> & stuff ]]></summary>
    /// <remarks>Already has remarks. ///</remarks>
    [ProcessTarget]
    public static async Task Async(int ms) => await Task.Delay(ms);

    /** <summary>
     * A block comment, with a star on each line, and a "*" in code: <c>*</c>, <c>/*</c>.
     * </summary>
     * <param name="n">count</param>
     */
    [ProcessTarget]
    public static async ValueTask<int> Block(int n) { await Task.Yield(); return n; }

    /// <inheritdoc cref="Compare"/>
    [ProcessTarget]
    public static ValueTask Inherit(int a, int b) => default;

    /// <summary>Unclosed <b>tag and a stray &amp; here</summary>
    /// <param name="missing">no such parameter</param>
    [ProcessTarget]
    public static void Broken(int x) { }

    /// <summary>
    /// #if DEBUG
    /// #region not a directive
    /// </summary>
    [ProcessTarget]
    public static Task<string> Directives() => Task.FromResult("");
}

public static class UseDocumented
{
    public static ChildProcess<List<int>> A() => Documented.Targets.Compare.Start(b: 2, a: 1);
    public static ChildProcess B() => Documented.Targets.Async.Start(1);
    public static ChildProcess<int> C() => Documented.Targets.Block.Start(1);
    public static ChildProcess D() => Documented.Targets.Inherit.Start(1, 2);
    public static ChildProcess E() => Documented.Targets.Broken.Start(1);
    public static ChildProcess<string> F() => Documented.Targets.Directives.Start();
}

public static partial class OldMac
{
    /// <summary>    /// Lines ending in a lone carriage return (old Mac line endings: a newline to C#).    /// Second line.    /// </summary>    [ProcessTarget]    public static int Run(int n) => n;
}

public static class UseOldMac
{
    public static ChildProcess<int> Go() => OldMac.Targets.Run.Start(1);
}
