// expect: none
// named tuples (keyword element names too), nested generics, jagged and multi-dimensional arrays, nullable value
// types, ValueTask<int?>, Task<(int, string)>, Task<ValueTuple>, and oblivious types under #nullable disable
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Multiprocessing;

public static partial class Shapes
{
    [ProcessTarget]
    public static (int Count, string Name) Pair((int Count, string Name) input, (int @class, string @event) keywords) => input;

    [ProcessTarget]
    public static Dictionary<string, List<int[]>> Nest(Dictionary<string, List<int[]>> map, List<Dictionary<int, string?[]>>? more) => map;

    [ProcessTarget]
    public static int[][] Jagged(int[][] rows, int[,] grid, int[,,,] four, string?[]? maybe, int?[] holes) => rows;

    [ProcessTarget]
    public static ValueTask<int?> Maybe(int? x, DateTime? when = null) => new(x);

    [ProcessTarget]
    public static Task<(int, string)> Both(int n) => Task.FromResult((n, ""));

    [ProcessTarget]
    public static Task<ValueTuple> Unit() => Task.FromResult(default(ValueTuple));

    [ProcessTarget]
    public static Task<(int A, (string B, long C) Inner)?> Nested(((int X, int Y) P, (int X, int Y) Q) segment) => Task.FromResult<(int A, (string B, long C) Inner)?>(null);

    [ProcessTarget]
    public static (int, int, int, int, int, int, int, int, int) Ten((int, int, int, int, int, int, int, int, int) t) => t;

#nullable disable
    [ProcessTarget]
    public static string Oblivious(string text = null, List<string> items = null, int[] numbers = null) => text;
#nullable restore
}

public static class UseShapes
{
    public static ChildProcess<(int Count, string Name)> A() => Shapes.Targets.Pair.Start((1, "a"), keywords: (2, "b"));
    public static ChildProcess<Dictionary<string, List<int[]>>> B() => Shapes.Targets.Nest.Start(new(), null);
    public static ChildProcess<int[][]> C() => Shapes.Targets.Jagged.Start([], new int[1, 1], new int[1, 1, 1, 1], null, []);
    public static ChildProcess<int?> D() => Shapes.Targets.Maybe.Start(null);
    public static ChildProcess<(int, string)> E() => Shapes.Targets.Both.Start(1);
    public static ChildProcess<ValueTuple> F() => Shapes.Targets.Unit.Start();
    public static ChildProcess<(int A, (string B, long C) Inner)?> G() => Shapes.Targets.Nested.Start(((1, 2), (3, 4)));
    public static ChildProcess<(int, int, int, int, int, int, int, int, int)> H() => Shapes.Targets.Ten.Start((1, 2, 3, 4, 5, 6, 7, 8, 9));
    public static ChildProcess<string> I() => Shapes.Targets.Oblivious.Start();
}
