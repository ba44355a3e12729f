// expect: MP0015@7
// a nested partial record named Targets is not a partial class: it cannot join the generated class
using Multiprocessing;

public partial class Planner
{
    public partial record Targets(string Name);  // MP0015

    [ProcessTarget]
    public static void Plan() { }
}
