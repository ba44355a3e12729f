using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Multiprocessing.SourceGeneration.Helpers;
using Multiprocessing.SourceGeneration.Model;

namespace Multiprocessing.SourceGeneration
{
    public sealed partial class ProcessTargetGenerator
    {
        internal static class Parser
        {
            private static readonly SymbolDisplayFormat s_typeFormat = SymbolDisplayFormat.FullyQualifiedFormat
                .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

            public static TargetSpec? TryCreateSpec(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
            {
                if (context.TargetSymbol is not IMethodSymbol method ||
                    !ProcessTargetRules.IsValid(method, cancellationToken) ||
                    ProcessTargetRules.FindUnreachableContainingType(method) is not null ||
                    ProcessTargetRules.FindTargetsNameConflict(method.ContainingType, cancellationToken) is not null ||
                    IsOverloadedTarget(method) ||
                    ProcessTargetRules.FindUnreachableSignatureType(method) is not null)
                {
                    return null;
                }

                var containingTypes = new List<ContainingTypeSpec>();
                for (var type = method.ContainingType; type is not null; type = type.ContainingType)
                {
                    containingTypes.Insert(0, new ContainingTypeSpec(Keyword(type), Escape(type.Name)));
                }

                var parameters = new List<ParameterSpec>(method.Parameters.Length);
                foreach (var parameter in method.Parameters)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    bool isToken = parameter.Type.ToDisplayString() == "System.Threading.CancellationToken";
                    parameters.Add(new ParameterSpec(Escape(parameter.Name), parameter.Type.ToDisplayString(s_typeFormat), DefaultValue(parameter), isToken));
                }

                var (shape, resultType) = Result(method, context.SemanticModel.Compilation);
                // names as written (keywords escaped) for code; plain names for ids, display and file names
                string ns = method.ContainingNamespace.IsGlobalNamespace ? "" : method.ContainingNamespace.ToDisplayString();
                string plainNs = string.Join(".", NamespaceParts(method.ContainingNamespace));
                string typePath = string.Join(".", containingTypes.Select(static t => t.Name.TrimStart('@')));
                string qualifiedPath = $"{(plainNs.Length == 0 ? "" : plainNs + ".")}{typePath}.{method.Name}";
                return new TargetSpec(
                    Id: $"{context.SemanticModel.Compilation.AssemblyName}:{qualifiedPath}",
                    DisplayName: $"{typePath}.{method.Name}",
                    Namespace: ns.Length == 0 ? null : ns,
                    ContainingTypes: containingTypes.ToEquatableArray(),
                    ContainingTypeName: method.ContainingType.ToDisplayString(s_typeFormat),
                    MethodName: Escape(method.Name),
                    Accessibility: method.DeclaredAccessibility == Accessibility.Public ? "public" : "internal",
                    Parameters: parameters.ToEquatableArray(),
                    Shape: shape,
                    ResultType: resultType,
                    Formatters: SerializerContracts.Collect(method.Parameters.Select(static p => p.Type)
                        .Where(static t => t.ToDisplayString() != "System.Threading.CancellationToken")
                        .Concat(ResultTypeSymbol(method, shape))).ToEquatableArray(),
                    Documentation: Documentation(method, cancellationToken),
                    HintName: HintName(qualifiedPath, method.ContainingType, context.SemanticModel.Compilation, cancellationToken),
                    OwnTargetsClass: ProcessTargetRules.DeclaresTargetsClass(method.ContainingType),
                    HidesInheritedTargets: InheritsTargets(method.ContainingType),
                    DescriptorTypeName: DescriptorTypeName(method));
            }

            /// <summary>
            /// <c>Namespace.Type.Method.g.cs</c>. The compiler compares generated file names ignoring case, so when another
            /// type's full name differs from this one's only in case (<c>Orders</c>, <c>orders</c>), a hash of the exact
            /// path keeps the names apart (a clash would fail the whole generator).
            /// </summary>
            private static string HintName(string qualifiedPath, INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
            {
                string fullName = type.ToDisplayString();
                foreach (var other in compilation.GetSymbolsWithName(name => string.Equals(name, type.Name, System.StringComparison.OrdinalIgnoreCase), SymbolFilter.Type, cancellationToken))
                {
                    string otherName = other.ToDisplayString();
                    if (!string.Equals(otherName, fullName, System.StringComparison.Ordinal) &&
                        string.Equals(otherName, fullName, System.StringComparison.OrdinalIgnoreCase))
                    {
                        return $"{qualifiedPath}.{Fnv1a(qualifiedPath):x8}.g.cs";
                    }
                }

                return $"{qualifiedPath}.g.cs";
            }

            private static uint Fnv1a(string text)
            {
                uint hash = 2166136261;
                foreach (char c in text)
                {
                    hash = (hash ^ c) * 16777619;
                }

                return hash;
            }

            /// <summary>
            /// <c>MethodTarget</c>, unless another target of the type has that name: the descriptor field of that target
            /// would clash with this class, so a <c>_</c> is added until the name is free.
            /// </summary>
            private static string DescriptorTypeName(IMethodSymbol method)
            {
                string name = method.Name + "Target";
                while (method.ContainingType.GetMembers(name).Any(IsMarkedTarget))
                {
                    name += "_";
                }

                return Escape(name);
            }

            /// <summary>The generated tables of referenced assemblies (each assembly's generator emits one with targets).</summary>
            public static EquatableArray<string> FindReferencedTables(Compilation compilation, CancellationToken cancellationToken)
            {
                var tables = new List<string>();
                foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!ReferencesRuntime(assembly))
                    {
                        continue;
                    }

                    foreach (var attribute in assembly.GetAttributes())
                    {
                        if (attribute.AttributeClass?.ToDisplayString() == KnownNames.ProcessTargetTableAttribute &&
                            attribute.ConstructorArguments is [{ Value: INamedTypeSymbol table }])
                        {
                            tables.Add(table.ToDisplayString(s_typeFormat));
                        }
                    }
                }

                tables.Sort(System.StringComparer.Ordinal);
                return tables.ToEquatableArray();
            }

            private static bool ReferencesRuntime(IAssemblySymbol assembly)
            {
                foreach (var module in assembly.Modules)
                {
                    foreach (var reference in module.ReferencedAssemblies)
                    {
                        if (reference.Name == KnownNames.RuntimeAssemblyName)
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            /// <summary>
            /// Overloaded targets would share a descriptor name and id, and targets whose names differ only in case a
            /// generated file name: the analyzer reports them (MP0005).
            /// </summary>
            private static bool IsOverloadedTarget(IMethodSymbol method)
            {
                foreach (var member in method.ContainingType.GetMembers())
                {
                    if (member is IMethodSymbol other && !SymbolEqualityComparer.Default.Equals(other, method) &&
                        string.Equals(other.Name, method.Name, System.StringComparison.OrdinalIgnoreCase) && IsMarkedTarget(other))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>A method marked <c>[ProcessTarget]</c> (valid or not).</summary>
            private static bool IsMarkedTarget(ISymbol member) =>
                member is IMethodSymbol && member.GetAttributes().Any(static a => a.AttributeClass?.ToDisplayString() == KnownNames.ProcessTargetAttribute);

            /// <summary>Whether a base type has a member named Targets, or process targets (whose generated Targets this generator does not see).</summary>
            private static bool InheritsTargets(INamedTypeSymbol type)
            {
                for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
                {
                    if (baseType.GetMembers(ProcessTargetRules.TargetsClassName).Any(static m => m.DeclaredAccessibility != Accessibility.Private) ||
                        baseType.GetMembers().Any(IsMarkedTarget))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static IEnumerable<string> NamespaceParts(INamespaceSymbol ns) =>
                ns.IsGlobalNamespace ? [] : NamespaceParts(ns.ContainingNamespace).Concat([ns.Name]);

            private static string Keyword(INamedTypeSymbol type) => (type.TypeKind, type.IsRecord) switch
            {
                (TypeKind.Struct, true) => "record struct",
                (TypeKind.Struct, false) => "struct",
                (TypeKind.Interface, _) => "interface",
                (_, true) => "record",
                _ => "class",
            };

            private static (ResultShape Shape, string? Type) Result(IMethodSymbol method, Compilation compilation)
            {
                if (method.ReturnsVoid)
                {
                    return (ResultShape.Void, null);
                }

                var returnType = method.ReturnType;
                var task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
                var taskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
                var valueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
                var valueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
                if (SymbolEqualityComparer.Default.Equals(returnType, task))
                {
                    return (ResultShape.Task, null);
                }

                if (SymbolEqualityComparer.Default.Equals(returnType, valueTask))
                {
                    return (ResultShape.ValueTask, null);
                }

                if (returnType is INamedTypeSymbol { IsGenericType: true } generic)
                {
                    var definition = generic.OriginalDefinition;
                    if (SymbolEqualityComparer.Default.Equals(definition, taskOfT))
                    {
                        return (ResultShape.TaskOfT, generic.TypeArguments[0].ToDisplayString(s_typeFormat));
                    }

                    if (SymbolEqualityComparer.Default.Equals(definition, valueTaskOfT))
                    {
                        return (ResultShape.ValueTaskOfT, generic.TypeArguments[0].ToDisplayString(s_typeFormat));
                    }
                }

                return (ResultShape.Value, returnType.ToDisplayString(s_typeFormat));
            }

            private static IEnumerable<ITypeSymbol> ResultTypeSymbol(IMethodSymbol method, ResultShape shape) => shape switch
            {
                ResultShape.Value => [method.ReturnType],
                ResultShape.TaskOfT or ResultShape.ValueTaskOfT => [((INamedTypeSymbol)method.ReturnType).TypeArguments[0]],
                _ => [],
            };

            /// <summary>
            /// The target's documentation, so that IntelliSense shows it on the stub. Empty when the compilation does not
            /// parse documentation comments (command-line builds without a documentation file): only the IDE needs it.
            /// </summary>
            private static EquatableArray<string> Documentation(IMethodSymbol method, CancellationToken cancellationToken)
            {
                string xml = method.GetDocumentationCommentXml(expandIncludes: true, cancellationToken: cancellationToken) ?? "";
                int start = xml.IndexOf('>', xml.IndexOf("<member", System.StringComparison.Ordinal) + 1) + 1;
                int end = xml.LastIndexOf("</member>", System.StringComparison.Ordinal);
                if (start <= 0 || end < start)
                {
                    return new EquatableArray<string>(System.Collections.Immutable.ImmutableArray<string>.Empty);
                }

                var lines = xml.Substring(start, end - start).Replace("\r\n", "\n").Split('\n')
                    .Where(static line => line.Trim().Length > 0).ToList();
                int indent = lines.Count == 0 ? 0 : lines.Min(static line => line.Length - line.TrimStart().Length);
                return lines.Select(line => line.Substring(indent).TrimEnd()).ToEquatableArray();
            }

            private static string? DefaultValue(IParameterSymbol parameter)
            {
                // null for a reference type not annotated nullable (oblivious code, [Optional]): the stub is nullable-enabled
                string none = parameter.Type.IsReferenceType && parameter.NullableAnnotation != NullableAnnotation.Annotated ? "default!" : "default";
                if (!parameter.HasExplicitDefaultValue)
                {
                    return parameter.IsOptional ? none : null;   // [Optional] without a value: callers pass default
                }

                object? value = parameter.ExplicitDefaultValue;
                var type = parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
                    ? nullable.TypeArguments[0]
                    : parameter.Type;
                if (value is null)
                {
                    return none;
                }

                if (type.TypeKind == TypeKind.Enum)
                {
                    return $"({type.ToDisplayString(s_typeFormat)})({SymbolDisplay.FormatPrimitive(value, quoteStrings: false, useHexadecimalNumbers: false)})";
                }

                return value switch
                {
                    float f when float.IsNaN(f) => "float.NaN",
                    float f when float.IsPositiveInfinity(f) => "float.PositiveInfinity",
                    float f when float.IsNegativeInfinity(f) => "float.NegativeInfinity",
                    double d when double.IsNaN(d) => "double.NaN",
                    double d when double.IsPositiveInfinity(d) => "double.PositiveInfinity",
                    double d when double.IsNegativeInfinity(d) => "double.NegativeInfinity",
                    float f => f.ToString("R", CultureInfo.InvariantCulture) + "F",
                    double d => d.ToString("R", CultureInfo.InvariantCulture) + "D",
                    decimal m => m.ToString(CultureInfo.InvariantCulture) + "M",
                    long l => l.ToString(CultureInfo.InvariantCulture) + "L",
                    ulong ul => ul.ToString(CultureInfo.InvariantCulture) + "UL",
                    uint ui => ui.ToString(CultureInfo.InvariantCulture) + "U",
                    _ => SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false),
                };
            }

            private static string Escape(string name) =>
                SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
        }
    }
}
