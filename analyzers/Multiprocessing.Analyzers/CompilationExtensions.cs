using Microsoft.CodeAnalysis;

namespace Multiprocessing.Analyzers
{
    internal static class CompilationExtensions
    {
        /// <summary>
        /// The type named <paramref name="metadataName"/> that this compilation should use: its own declaration if it
        /// has one, otherwise the single public one among its references; <see langword="null"/> when there is none
        /// or the choice is ambiguous.
        /// </summary>
        public static INamedTypeSymbol? GetBestTypeByMetadataName(this Compilation compilation, string metadataName)
        {
            INamedTypeSymbol? best = null;
            foreach (var type in compilation.GetTypesByMetadataName(metadataName))
            {
                if (SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly))
                {
                    return type;
                }

                if (type.DeclaredAccessibility != Accessibility.Public)
                {
                    continue;
                }

                if (best is not null)
                {
                    return null;
                }

                best = type;
            }

            return best;
        }

        /// <summary>Whether <paramref name="symbol"/> carries the attribute <paramref name="attributeType"/>.</summary>
        public static bool HasAttribute(this ISymbol symbol, INamedTypeSymbol attributeType)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
