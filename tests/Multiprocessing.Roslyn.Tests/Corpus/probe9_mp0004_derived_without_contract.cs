// expect: MP0004@22 MP0004@25
// [MemoryPackable] is not inherited (Inherited = false): a class that derives from a contract type without its own
// [MemoryPackable] has no serializer of its own, so it cannot cross, directly or as a list element
using System.Collections.Generic;
using MemoryPack;
using Multiprocessing;

[MemoryPackable]
public partial class Animal
{
    public string Name { get; set; } = "";
}

public class Dog : Animal
{
    public int Age { get; set; }
}

public static partial class Kennel
{
    [ProcessTarget]
    public static int Walk(Dog dog) => dog.Age;  // MP0004: Dog has no contract of its own

    [ProcessTarget]
    public static int Count(List<Dog> dogs) => dogs.Count;  // MP0004: dogs[]

    [ProcessTarget]
    public static int Feed(Animal animal, List<Animal> pack) => pack.Count;
}
