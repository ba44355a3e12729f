// expect: none
// one target name in several types, in a nested type, and the same type and method in two namespaces
using Multiprocessing;

namespace Sales
{
    public static partial class Reports
    {
        [ProcessTarget]
        public static int Build(int n) => n;

        public static partial class Daily
        {
            [ProcessTarget]
            public static int Build(int n) => n + 1;
        }
    }

    public static partial class Exports
    {
        [ProcessTarget]
        public static int Build(int n) => n + 2;
    }
}

namespace Archive
{
    public static partial class Reports
    {
        [ProcessTarget]
        public static int Build(int n) => n + 3;
    }
}

public static class Uses
{
    public static string All() =>
        Sales.Reports.Targets.Build.Name + Sales.Reports.Daily.Targets.Build.Name +
        Sales.Exports.Targets.Build.Name + Archive.Reports.Targets.Build.Name;
}
