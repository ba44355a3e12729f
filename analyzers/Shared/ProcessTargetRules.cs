using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Multiprocessing.SourceGeneration
{
    /// <summary>
    /// The declaration rules a <c>[ProcessTarget]</c> must satisfy. The generator skips a target that breaks one
    /// (it emits nothing for it) and the analyzer reports why, so both read the same rules from here.
    /// </summary>
    internal static class ProcessTargetRules
    {
        /// <summary>MP0001: a target must be an ordinary static method (not instance, abstract, local or a lambda).</summary>
        public static bool IsStaticMethod(IMethodSymbol method) =>
            method.IsStatic && method.MethodKind == MethodKind.Ordinary && !method.IsAbstract && !method.IsVirtual;

        /// <summary>
        /// MP0002: the first containing type that is not <c>partial</c> or is generic, or <c>null</c> when every
        /// containing type can hold the generated descriptor.
        /// </summary>
        public static INamedTypeSymbol? FindNonPartialOrGenericContainingType(IMethodSymbol method, System.Threading.CancellationToken cancellationToken)
        {
            for (var type = method.ContainingType; type is not null; type = type.ContainingType)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (type.IsGenericType || !IsPartial(type, cancellationToken))
                {
                    return type;
                }
            }

            return null;
        }

        /// <summary>MP0003: generic, <c>async void</c>, or a parameter that cannot be passed by value.</summary>
        public static bool HasUnsupportedShape(IMethodSymbol method)
        {
            if (method.IsGenericMethod || (method.IsAsync && method.ReturnsVoid) || method.ReturnsByRef || method.ReturnsByRefReadonly)
            {
                return true;
            }

            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind != RefKind.None || parameter.IsParams || parameter.Type.IsRefLikeType ||
                    parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
                {
                    return true;
                }
            }

            return method.ReturnType.IsRefLikeType || method.ReturnType.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer;
        }

        /// <summary>Whether the generator can emit a descriptor and a dispatcher entry for <paramref name="method"/>.</summary>
        public static bool IsValid(IMethodSymbol method, System.Threading.CancellationToken cancellationToken) =>
            IsStaticMethod(method) && !HasUnsupportedShape(method) && FindNonPartialOrGenericContainingType(method, cancellationToken) is null;

        private static bool IsPartial(INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration &&
                    declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
