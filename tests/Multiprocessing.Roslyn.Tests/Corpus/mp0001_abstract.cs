// expect: MP0001@8
// an abstract method cannot be a target
using Multiprocessing;

public abstract partial class Shape
{
    [ProcessTarget]
    public abstract double Area();  // MP0001
}
