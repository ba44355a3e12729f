using System.Globalization;
using System.Text;

/// <summary>What every benchmark program shares: medians, <c>--name=value</c> options, and result lines in the anchors' format.</summary>
internal static class BenchResults
{
    public static double Median(IEnumerable<double> values)
    {
        var s = values.Where(double.IsFinite).Order().ToArray();
        int n = s.Length;
        return n == 0 ? double.NaN : n % 2 == 1 ? s[n / 2] : (s[(n / 2) - 1] + s[n / 2]) / 2;
    }

    public static string? Option(string[] args, string name) =>
        args.FirstOrDefault(a => a.StartsWith($"--{name}=", StringComparison.Ordinal))?[(name.Length + 3)..];

    public static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    /// <summary>A comma-separated option (<c>--only=a,b</c>) as a set.</summary>
    public static HashSet<string> ListOption(string[] args, string name, string fallback) =>
        (Option(args, name) ?? fallback).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();

    /// <summary><c>--variant=NAME</c>, by default the flavour this process is: jit-apphost or nativeaot.</summary>
    public static string Variant(string[] args) =>
        Option(args, "variant") ?? (System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported ? "jit-apphost" : "nativeaot");

    /// <summary>One RESULT line in the anchors' format (anchors/_common.py emit()) on stdout, a readable one on stderr.</summary>
    public static void Emit(string cmd, string metric, string variant, string unit, IReadOnlyList<double> v, bool higherIsBetter, string note, params (string Key, double Value)[] extra)
    {
        double median = Median(v), min = v.Min(), max = v.Max();
        var sb = new StringBuilder("RESULT {");
        sb.Append("\"metric\": \"").Append(metric).Append("\", ")
          .Append("\"variant\": \"").Append(variant).Append("\", ")
          .Append("\"unit\": \"").Append(unit).Append("\", ")
          .Append("\"values\": [").Append(string.Join(", ", v.Select(Num))).Append("], ")
          .Append("\"median\": ").Append(Num(median)).Append(", ")
          .Append("\"min\": ").Append(Num(min)).Append(", ")
          .Append("\"max\": ").Append(Num(max)).Append(", ")
          .Append("\"n\": ").Append(v.Count).Append(", ")
          .Append("\"higher_is_better\": ").Append(higherIsBetter ? "true" : "false").Append(", ")
          .Append("\"cmd\": \"").Append(cmd).Append("\", ")
          .Append("\"note\": \"").Append(Json(note)).Append('"');
        foreach (var (key, value) in extra)
        {
            sb.Append(", \"").Append(key).Append("\": ").Append(Num(value));
        }

        sb.Append('}');
        Console.Out.WriteLine(sb.ToString());
        Console.Out.Flush();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {metric,-32} {variant,-12} median {median,12:0.###} {unit,-8} (min {min:0.###}, max {max:0.###}, n={v.Count})"));
        if (extra.Length > 0)
        {
            Console.Error.WriteLine("      " + string.Join(", ", extra.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key}={e.Value:0.###}"))));
        }
    }

    private static string Num(double x) => double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : "null";

    private static string Json(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
