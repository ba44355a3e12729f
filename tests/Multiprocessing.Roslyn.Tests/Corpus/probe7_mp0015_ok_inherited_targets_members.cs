// expect: none
// members named Targets that the type inherits, not declares: a base property, and a base type's own generated Targets
using Multiprocessing;

public class Catalog
{
    public static string[] Targets => ["x"];
}

public partial class Products : Catalog
{
    [ProcessTarget]
    public static int Count(int n) => n;
}

public partial class BaseJobs
{
    [ProcessTarget]
    public static void Clean() { }
}

public partial class NightlyJobs : BaseJobs
{
    [ProcessTarget]
    public static void Vacuum() { }
}

public static class Uses
{
    public static string Names() => Products.Targets.Count.Name + NightlyJobs.Targets.Vacuum.Name + BaseJobs.Targets.Clean.Name;
}
