// expect: none
// [Experimental] on a target, on a type in its signature, on the type declaring targets: the generated code disables
// their ids (a user who suppresses one in their own file or not at all must not get it from generated code), and
// user code still gets them where it names the experimental thing
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Multiprocessing;

[Experimental("PREVIEW01")]
public enum Shape { Round, Square }

public static partial class Lab
{
    [ProcessTarget]
    [Experimental("PREVIEW02", UrlFormat = "https://example.org/{0}")]
    public static int Try(int n) => n;

#pragma warning disable PREVIEW01 // the user opts in to the experimental type
    [ProcessTarget]
    public static Shape Reshape(Shape shape, List<Shape> shapes) => shape;

    [ProcessTarget]
    public static void Wide(Shape a, int b, int c, int d, int e, int f, int g, int h, int i) { }
#pragma warning restore PREVIEW01
}

[Experimental("PREVIEW03")]
public static partial class Preview
{
    [ProcessTarget]
    public static int Run(int n) => n;
}

public static class Uses
{
    [Experimental("MYLAB")]   // an experimental member may use any experimental API
    public static ChildProcess<int> A() => Lab.Targets.Try.Start(1);

#pragma warning disable PREVIEW01, PREVIEW03
    public static ChildProcess<Shape> B() => Lab.Targets.Reshape.Start(Shape.Round, []);
    public static ChildProcess<int> C() => Preview.Targets.Run.Start(1);
#pragma warning restore PREVIEW01, PREVIEW03
}
