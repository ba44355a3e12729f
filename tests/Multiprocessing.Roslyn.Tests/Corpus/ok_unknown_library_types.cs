// expect: none
// types from referenced assemblies get the benefit of the doubt
using Multiprocessing;

public static partial class Workers
{
    [ProcessTarget]
    public static int Count(System.Text.Json.Nodes.JsonArray items) => items.Count;

    [ProcessTarget]
    public static string Name(System.Globalization.CultureInfo culture) => culture.Name;
}
