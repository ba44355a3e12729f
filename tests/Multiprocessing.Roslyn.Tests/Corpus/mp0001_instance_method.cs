// expect: MP0001@8
// an instance method cannot be a target
using Multiprocessing;

public partial class Service
{
    [ProcessTarget]
    public int Square(int n) => n * n;  // MP0001
}
