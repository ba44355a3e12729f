using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Multiprocessing.SourceGeneration.Model;

namespace Multiprocessing.SourceGeneration
{
    public sealed partial class ProcessTargetGenerator
    {
        /// <summary>
        /// The generator's side of the serializer seam (MemoryPack). MemoryPack finds formatters for generic collections,
        /// arrays and enums by reflection, which NativeAOT cannot do; the generator knows every argument and result type,
        /// so the assembly's table registers the formatters its targets' types need, as MemoryPack's own generator does for members.
        /// </summary>
        internal static class SerializerContracts
        {
            private static readonly SymbolDisplayFormat s_format = SymbolDisplayFormat.FullyQualifiedFormat;

            /// <summary>
            /// Generic types MemoryPack ships a formatter for, by namespace: <c>Name</c> has <c>NameFormatter</c>, <c>IName</c> has
            /// <c>InterfaceNameFormatter</c>. The tables of its <c>MemoryPackFormatterProvider</c> (1.21); MP0004 accepts the same list.
            /// </summary>
            private static readonly Dictionary<string, HashSet<string>> s_knownGenerics = new()
            {
                ["System"] = ["Nullable", "Tuple", "ValueTuple", "Lazy", "Memory", "ReadOnlyMemory", "ArraySegment"],
                ["System.Buffers"] = ["ReadOnlySequence"],
                ["System.Collections.Generic"] =
                [
                    "List", "Dictionary", "HashSet", "Queue", "Stack", "LinkedList", "SortedSet", "SortedDictionary", "SortedList",
                    "KeyValuePair", "PriorityQueue", "IEnumerable", "ICollection", "IReadOnlyCollection", "IList", "IReadOnlyList",
                    "IDictionary", "IReadOnlyDictionary", "ISet", "IReadOnlySet",
                ],
                ["System.Linq"] = ["ILookup", "IGrouping"],
                ["System.Collections.Concurrent"] = ["ConcurrentDictionary", "ConcurrentQueue", "ConcurrentBag", "ConcurrentStack", "BlockingCollection"],
                ["System.Collections.Immutable"] =
                [
                    "ImmutableArray", "ImmutableList", "ImmutableDictionary", "ImmutableHashSet", "ImmutableQueue", "ImmutableStack",
                    "ImmutableSortedDictionary", "ImmutableSortedSet", "IImmutableList", "IImmutableDictionary", "IImmutableSet",
                    "IImmutableQueue", "IImmutableStack",
                ],
                ["System.Collections.ObjectModel"] = ["Collection", "ReadOnlyCollection", "ObservableCollection", "ReadOnlyObservableCollection"],
                ["System.Collections.Frozen"] = ["FrozenDictionary", "FrozenSet"],
            };

            /// <summary>The formatters <paramref name="types"/> need, innermost first (a list's element before the list).</summary>
            public static List<FormatterSpec> Collect(IEnumerable<ITypeSymbol> types)
            {
                var formatters = new List<FormatterSpec>();
                var seen = new HashSet<string>();
                foreach (var type in types)
                {
                    Collect(type, formatters, seen);
                }

                return formatters;
            }

            private static void Collect(ITypeSymbol type, List<FormatterSpec> formatters, HashSet<string> seen)
            {
                string name = type.ToDisplayString(s_format);
                if (!seen.Add(name))
                {
                    return;
                }

                switch (type)
                {
                    case IArrayTypeSymbol array:
                        Collect(array.ElementType, formatters, seen);
                        string? arrayFormatter = array.Rank switch
                        {
                            1 => "ArrayFormatter",
                            2 => "TwoDimensionalArrayFormatter",
                            3 => "ThreeDimensionalArrayFormatter",
                            4 => "FourDimensionalArrayFormatter",
                            _ => null,
                        };
                        if (arrayFormatter is not null)
                        {
                            formatters.Add(new FormatterSpec(name, $"global::MemoryPack.Formatters.{arrayFormatter}<{array.ElementType.ToDisplayString(s_format)}>"));
                        }

                        break;
                    case INamedTypeSymbol { TypeKind: TypeKind.Enum }:
                        formatters.Add(new FormatterSpec(name, $"global::MemoryPack.Formatters.UnmanagedFormatter<{name}>"));
                        break;
                    case INamedTypeSymbol named when IsMemoryPackable(named):
                        // A generic contract type (a queue of T, say) carries its type arguments: they need formatters too.
                        foreach (var argument in named.TypeArguments)
                        {
                            Collect(argument, formatters, seen);
                        }

                        formatters.Add(new FormatterSpec(name, null));
                        break;
                    case INamedTypeSymbol { IsGenericType: true } generic:
                        foreach (var argument in generic.TypeArguments)
                        {
                            Collect(argument, formatters, seen);
                        }

                        var definition = generic.ConstructedFrom;
                        if (s_knownGenerics.TryGetValue(definition.ContainingNamespace.ToDisplayString(), out var known) && known.Contains(definition.Name))
                        {
                            string formatter = definition.TypeKind == TypeKind.Interface ? "Interface" + definition.Name.Substring(1) : definition.Name;
                            string arguments = string.Join(", ", generic.TypeArguments.Select(static a => a.ToDisplayString(s_format)));
                            formatters.Add(new FormatterSpec(name, $"global::MemoryPack.Formatters.{formatter}Formatter<{arguments}>"));
                        }

                        break;
                }
            }

            /// <summary>
            /// A type that registers itself (and its members' formatters): <c>[MemoryPackable]</c>, unless it is
            /// <c>GenerateType.NoGenerate</c> (its author registers a formatter), or a hand-written registration.
            /// </summary>
            private static bool IsMemoryPackable(INamedTypeSymbol type)
            {
                foreach (var attribute in type.GetAttributes())
                {
                    if (attribute.AttributeClass?.ToDisplayString() == "MemoryPack.MemoryPackableAttribute" && !IsNoGenerate(attribute))
                    {
                        return true;
                    }
                }

                return type.Interfaces.Any(static i => i.ToDisplayString() == "MemoryPack.IMemoryPackFormatterRegister");
            }

            private static bool IsNoGenerate(AttributeData attribute) =>
                attribute.ConstructorArguments.Any(static argument => argument.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum } kind &&
                    kind.GetMembers("NoGenerate").OfType<IFieldSymbol>().Any(field => Equals(field.ConstantValue, argument.Value)));
        }
    }
}
