// expect: MP0011@32 MP0011@33 MP0011@34
// output: exe
// a [ThreadStatic] static (still a static field that is neither const nor readonly), a ??= and a deconstruction
// written by the parent before it starts the child
using System;
using System.Collections.Generic;
using Multiprocessing;

ProcessEntry.Guard();
Session.User = Environment.UserName;
Session.Recent ??= new List<string> { "start" };
(Session.Width, Session.Height) = (Console.WindowWidth, Console.WindowHeight);
Console.WriteLine(await Views.Targets.Render.Start("home"));

public static class Session
{
    [ThreadStatic]
    public static string? User;

    public static List<string>? Recent;

    public static int Width;

    public static int Height;
}

public static partial class Views
{
    [ProcessTarget]
    public static string Render(string page)
    {
        var user = Session.User ?? "anonymous";  // MP0011
        var recent = Session.Recent?.Count ?? 0;  // MP0011
        var width = Session.Width;  // MP0011
        return $"{page} {user} {recent} {width}";
    }
}
