using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Multiprocessing.SourceGeneration
{
    /// <summary>Why a target's signature cannot be called from a child's dispatcher (MP0003).</summary>
    internal enum UnsupportedShape
    {
        None,
        Generic,
        AsyncVoid,
        ReturnsByRef,
        RefParameter,
        ParamsParameter,
        RefLikeParameter,
        PointerParameter,
        RefLikeReturn,
        PointerReturn,
        Varargs,
        NotADelegate,
    }

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
        public static bool HasUnsupportedShape(IMethodSymbol method) => GetUnsupportedShape(method, out _) != UnsupportedShape.None;

        /// <summary>
        /// MP0003: the first reason the generator cannot dispatch <paramref name="method"/>, and the parameter
        /// concerned (<see langword="null"/> for the method itself).
        /// </summary>
        public static UnsupportedShape GetUnsupportedShape(IMethodSymbol method, out IParameterSymbol? parameter)
        {
            parameter = null;
            if (method.IsGenericMethod)
            {
                return UnsupportedShape.Generic;
            }

            if (method.IsAsync && method.ReturnsVoid)
            {
                return UnsupportedShape.AsyncVoid;
            }

            if (method.ReturnsByRef || method.ReturnsByRefReadonly)
            {
                return UnsupportedShape.ReturnsByRef;
            }

            if (method.IsVararg)
            {
                return UnsupportedShape.Varargs;
            }

            // the descriptor hands the target to the runtime as a delegate, which these cannot become
            if (method.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() is
                "System.Diagnostics.ConditionalAttribute" or "System.Runtime.InteropServices.UnmanagedCallersOnlyAttribute"))
            {
                return UnsupportedShape.NotADelegate;
            }

            foreach (var p in method.Parameters)
            {
                parameter = p;
                var shape = GetUnsupportedShape(p);
                if (shape != UnsupportedShape.None)
                {
                    return shape;
                }
            }

            parameter = null;
            if (method.ReturnType.IsRefLikeType)
            {
                return UnsupportedShape.RefLikeReturn;
            }

            return HoldsPointer(method.ReturnType) ? UnsupportedShape.PointerReturn : UnsupportedShape.None;
        }

        /// <summary>A pointer, or an array of them (at any depth).</summary>
        private static bool HoldsPointer(ITypeSymbol type) => type switch
        {
            IArrayTypeSymbol array => HoldsPointer(array.ElementType),
            _ => type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer,
        };

        /// <summary>MP0003 for one parameter: <c>ref</c>/<c>out</c>/<c>in</c>, <c>params</c>, a ref struct or a pointer.</summary>
        public static UnsupportedShape GetUnsupportedShape(IParameterSymbol parameter)
        {
            if (parameter.RefKind != RefKind.None)
            {
                return UnsupportedShape.RefParameter;
            }

            if (parameter.IsParams)
            {
                return UnsupportedShape.ParamsParameter;
            }

            if (parameter.Type.IsRefLikeType)
            {
                return UnsupportedShape.RefLikeParameter;
            }

            return HoldsPointer(parameter.Type) ? UnsupportedShape.PointerParameter : UnsupportedShape.None;
        }

        /// <summary>
        /// MP0013: the first containing type the assembly's generated dispatch table cannot name (private, protected,
        /// or file-local, which another file cannot extend either), or <see langword="null"/>. The generator skips such a target.
        /// </summary>
        public static INamedTypeSymbol? FindUnreachableContainingType(IMethodSymbol method)
        {
            for (var type = method.ContainingType; type is not null; type = type.ContainingType)
            {
                if (type.IsFileLocal || type.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
                {
                    return type;
                }
            }

            return null;
        }

        /// <summary>
        /// MP0013: a type in <paramref name="method"/>'s parameters or result (array elements and type arguments included)
        /// that is private, protected or file-local, so the generated descriptor (public, derived from a base over those
        /// types) could not name it; or <see langword="null"/>.
        /// </summary>
        public static INamedTypeSymbol? FindUnreachableSignatureType(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (FindUnreachable(parameter.Type) is { } unreachable)
                {
                    return unreachable;
                }
            }

            return FindUnreachable(method.ReturnType);

            static INamedTypeSymbol? FindUnreachable(ITypeSymbol type)
            {
                switch (type)
                {
                    case IArrayTypeSymbol array:
                        return FindUnreachable(array.ElementType);
                    case INamedTypeSymbol named:
                        for (var t = named; t is not null; t = t.ContainingType)
                        {
                            if (t.IsFileLocal || t.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
                            {
                                return t;
                            }
                        }

                        foreach (var argument in named.TypeArguments)
                        {
                            if (FindUnreachable(argument) is { } unreachable)
                            {
                                return unreachable;
                            }
                        }

                        return null;
                    default:
                        return null;
                }
            }
        }

        /// <summary>The name of the nested class that holds a type's generated descriptors.</summary>
        public const string TargetsClassName = "Targets";

        /// <summary>
        /// MP0015: what the generated descriptors' class <c>Targets</c> would clash with, or <see langword="null"/>: the type
        /// itself when it is named <c>Targets</c> (a member cannot have its type's name), or a member of that name other
        /// than a class whose every declaration is <c>partial</c>, is not a record, and that the generated dispatcher can
        /// reach (not private or protected). The generated part of such a class of the user's takes its modifiers.
        /// </summary>
        public static ISymbol? FindTargetsNameConflict(INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken)
        {
            if (type.Name == TargetsClassName)
            {
                return type;
            }

            foreach (var member in type.GetMembers(TargetsClassName))
            {
                if (member is INamedTypeSymbol { Arity: > 0 })
                {
                    continue;   // Targets<T> is another name
                }

                if (member is not INamedTypeSymbol { TypeKind: TypeKind.Class, IsRecord: false } nested ||
                    nested.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal ||
                    !IsPartialEverywhere(nested, cancellationToken))
                {
                    return member;
                }
            }

            return null;
        }

        /// <summary>
        /// MP0015: a member of the type's own class <c>Targets</c> that has <paramref name="method"/>'s name, which the
        /// target's generated descriptor field would clash with (CS0102), or <see langword="null"/>. The generator skips
        /// such a target; the analyzer, which also sees the generated code, does not count that descriptor.
        /// </summary>
        public static ISymbol? FindDescriptorNameConflict(IMethodSymbol method) =>
            OwnTargetsClass(method.ContainingType)?.GetMembers(method.Name).FirstOrDefault(static member => !IsGeneratedDescriptor(member));

        /// <summary>A descriptor field the generator emitted: its type is a descriptor class marked as generated by it.</summary>
        private static bool IsGeneratedDescriptor(ISymbol member) =>
            member is IFieldSymbol { IsStatic: true, Type: INamedTypeSymbol type } &&
            type.GetAttributes().Any(static a =>
                a.AttributeClass?.ToDisplayString() == "System.CodeDom.Compiler.GeneratedCodeAttribute" &&
                a.ConstructorArguments is [{ Value: KnownNames.GeneratorName }, ..]);

        /// <summary>The type's own nested class <c>Targets</c>, which the generated part joins, or <see langword="null"/>.</summary>
        public static INamedTypeSymbol? OwnTargetsClass(INamedTypeSymbol type) =>
            type.GetTypeMembers(TargetsClassName).FirstOrDefault(static nested => nested.Arity == 0);

        /// <summary>Whether the generator can emit a descriptor and a dispatcher entry for <paramref name="method"/>.</summary>
        public static bool IsValid(IMethodSymbol method, System.Threading.CancellationToken cancellationToken) =>
            IsStaticMethod(method) && !HasUnsupportedShape(method) && FindNonPartialOrGenericContainingType(method, cancellationToken) is null;

        private static bool IsPartialEverywhere(INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken) =>
            type.DeclaringSyntaxReferences.All(reference => IsPartialDeclaration(reference, cancellationToken));

        private static bool IsPartial(INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken) =>
            type.DeclaringSyntaxReferences.Any(reference => IsPartialDeclaration(reference, cancellationToken));

        private static bool IsPartialDeclaration(SyntaxReference reference, System.Threading.CancellationToken cancellationToken) =>
            reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword);
    }
}
