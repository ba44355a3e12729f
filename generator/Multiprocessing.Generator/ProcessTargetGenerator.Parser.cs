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
                    ProcessTargetRules.FindDescriptorNameConflict(method) is not null ||
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
                    var attributes = StubAttributes(parameter, out bool attributesDeclareDefault);
                    parameters.Add(new ParameterSpec(
                        Escape(parameter.Name),
                        parameter.Type.ToDisplayString(s_typeFormat),
                        attributesDeclareDefault ? null : DefaultValue(parameter),
                        isToken,
                        attributes));
                }

                var compilation = context.SemanticModel.Compilation;
                var (namesObsolete, experimentalIds) = Deprecations(method);
                var (shape, resultType) = Result(method, compilation);
                // names as written (keywords escaped) for code; plain names for ids, display and file names
                string ns = method.ContainingNamespace.IsGlobalNamespace ? "" : method.ContainingNamespace.ToDisplayString();
                string plainNs = string.Join(".", NamespaceParts(method.ContainingNamespace));
                string typePath = string.Join(".", containingTypes.Select(static t => t.Name.TrimStart('@')));
                string qualifiedPath = $"{(plainNs.Length == 0 ? "" : plainNs + ".")}{typePath}.{method.Name}";
                return new TargetSpec(
                    Id: $"{compilation.AssemblyName}:{qualifiedPath}",
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
                    HintName: HintName(qualifiedPath, method.ContainingType, compilation, cancellationToken),
                    OwnTargetsClass: ProcessTargetRules.OwnTargetsClass(method.ContainingType) is not null,
                    HidesInheritedTargets: InheritsTargets(method.ContainingType),
                    DescriptorTypeName: DescriptorTypeName(method, compilation),
                    HidesInheritedMember: TargetsInherits(method.ContainingType, method.Name, compilation),
                    DescriptorAttributes: DeprecationAttributes(method),
                    NamesObsolete: namesObsolete,
                    ExperimentalIds: experimentalIds);
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
            /// <c>MethodTarget</c>, unless another target of the type has that name (its descriptor field would clash with
            /// this class) or <c>Targets</c> has or inherits a member of that name: a <c>_</c> is added until the name is free.
            /// </summary>
            private static string DescriptorTypeName(IMethodSymbol method, Compilation compilation)
            {
                var type = method.ContainingType;
                string name = method.Name + "Target";
                while (type.GetMembers(name).Any(IsMarkedTarget) ||
                    ProcessTargetRules.OwnTargetsClass(type)?.GetMembers(name).IsEmpty == false ||
                    TargetsInherits(type, name, compilation))
                {
                    name += "_";
                }

                return Escape(name);
            }

            /// <summary>
            /// Whether <c>Targets</c> inherits a member named <paramref name="name"/> that a generated member would hide
            /// (CS0108): from the base class of the user's own <c>Targets</c>, or from <c>object</c> (<c>Equals</c>, <c>ToString</c>...).
            /// </summary>
            private static bool TargetsInherits(INamedTypeSymbol type, string name, Compilation compilation)
            {
                var own = ProcessTargetRules.OwnTargetsClass(type);
                for (var baseType = own is null ? compilation.GetSpecialType(SpecialType.System_Object) : own.BaseType; baseType is not null; baseType = baseType.BaseType)
                {
                    foreach (var member in baseType.GetMembers(name))
                    {
                        // a destructor (object.Finalize) or a constructor is not hidden by a member of that name
                        if (member is not IMethodSymbol { MethodKind: MethodKind.Destructor or MethodKind.Constructor or MethodKind.StaticConstructor } &&
                            (own is null ? member.DeclaredAccessibility != Accessibility.Private : compilation.IsSymbolAccessibleWithin(member, own)))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private const string ObsoleteAttribute = "System.ObsoleteAttribute";
            private const string ExperimentalAttribute = "System.Diagnostics.CodeAnalysis.ExperimentalAttribute";

            /// <summary>
            /// The target's own <c>[Obsolete]</c> and <c>[Experimental]</c>, as written (arguments from their values, not
            /// their syntax, which may name constants the generated code cannot see), for its descriptor field.
            /// </summary>
            private static EquatableArray<string> DeprecationAttributes(IMethodSymbol method)
            {
                var attributes = new List<string>();
                foreach (var attribute in method.GetAttributes())
                {
                    string? name = attribute.AttributeClass?.ToDisplayString() switch
                    {
                        ObsoleteAttribute => "global::System.Obsolete",
                        ExperimentalAttribute => "global::System.Diagnostics.CodeAnalysis.Experimental",
                        _ => null,
                    };
                    if (name is not null)
                    {
                        var arguments = attribute.ConstructorArguments.Select(Argument)
                            .Concat(attribute.NamedArguments.Select(static n => $"{n.Key} = {Argument(n.Value)}"));
                        attributes.Add($"{name}({string.Join(", ", arguments)})");
                    }
                }

                return attributes.ToEquatableArray();

                static string Argument(TypedConstant value) => value.IsNull ? "null" : value.ToCSharpString();
            }

            /// <summary>
            /// What the generated code names that is obsolete or experimental: the target, its containing types, and the
            /// types of its signature (with their containing types, element types and type arguments; an assembly or module
            /// may be experimental too). Experimental ids are identifiers (CS9211), so a <c>#pragma</c> can disable them.
            /// </summary>
            private static (bool NamesObsolete, EquatableArray<string> ExperimentalIds) Deprecations(IMethodSymbol method)
            {
                bool obsolete = false;
                var ids = new SortedSet<string>(System.StringComparer.Ordinal);
                var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                Check(method);
                for (var type = method.ContainingType; type is not null; type = type.ContainingType)
                {
                    Check(type);
                }

                foreach (var parameter in method.Parameters)
                {
                    Visit(parameter.Type);
                }

                Visit(method.ReturnType);
                return (obsolete, ids.ToEquatableArray());

                void Visit(ITypeSymbol type)
                {
                    switch (type)
                    {
                        case IArrayTypeSymbol array:
                            Visit(array.ElementType);
                            break;
                        case INamedTypeSymbol named:
                            for (var t = named; t is not null; t = t.ContainingType)
                            {
                                Check(t);
                            }

                            Check(named.ContainingModule);
                            Check(named.ContainingAssembly);
                            foreach (var argument in named.TypeArguments)
                            {
                                Visit(argument);
                            }

                            break;
                    }
                }

                void Check(ISymbol? symbol)
                {
                    if (symbol is null || !seen.Add(symbol))
                    {
                        return;
                    }

                    foreach (var attribute in symbol.GetAttributes())
                    {
                        switch (attribute.AttributeClass?.ToDisplayString())
                        {
                            case ObsoleteAttribute:
                                obsolete = true;
                                break;
                            case ExperimentalAttribute when attribute.ConstructorArguments is [{ Value: string id }]:
                                ids.Add(id);
                                break;
                        }
                    }
                }
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

            /// <summary>
            /// The attributes the stub's parameter copies, so that calling <c>Start</c> is like calling the target: a default
            /// declared by attributes (a <c>DateTime</c> has no C# literal, and such a parameter may come before required
            /// ones, which <c>= value</c> may not), and the caller-info attribute that takes effect, so that the caller of
            /// <c>Start</c> is what gets captured. <paramref name="declaresDefault"/>: the stub takes its default from them.
            /// </summary>
            private static EquatableArray<string> StubAttributes(IParameterSymbol parameter, out bool declaresDefault)
            {
                var attributes = new List<string>();
                declaresDefault = false;
                string? callerInfo = null;
                int callerRank = 0;
                foreach (var attribute in parameter.GetAttributes())
                {
                    switch (attribute.AttributeClass?.ToDisplayString())
                    {
                        case "System.Runtime.InteropServices.OptionalAttribute":
                            declaresDefault = true;
                            attributes.Add("global::System.Runtime.InteropServices.Optional");
                            break;
                        case "System.Runtime.InteropServices.DefaultParameterValueAttribute":
                            declaresDefault = true;
                            if (parameter.HasExplicitDefaultValue)
                            {
                                attributes.Add($"global::System.Runtime.InteropServices.DefaultParameterValue({ExactConstant(parameter)})");
                            }

                            break;
                        case "System.Runtime.CompilerServices.DateTimeConstantAttribute":
                            declaresDefault = true;
                            if (attribute.ConstructorArguments is [{ Value: long ticks }])
                            {
                                attributes.Add($"global::System.Runtime.CompilerServices.DateTimeConstant({ticks.ToString(CultureInfo.InvariantCulture)}L)");
                            }

                            break;
                        case "System.Runtime.CompilerServices.DecimalConstantAttribute":
                            declaresDefault = true;
                            if (parameter.ExplicitDefaultValue is decimal value)
                            {
                                attributes.Add(DecimalConstant(value));
                            }

                            break;
                        // caller info has effect on an optional parameter; when several are applied, the highest rank wins
                        case "System.Runtime.CompilerServices.CallerLineNumberAttribute" when parameter.IsOptional && callerRank < 4:
                            (callerInfo, callerRank) = ("global::System.Runtime.CompilerServices.CallerLineNumber", 4);
                            break;
                        case "System.Runtime.CompilerServices.CallerFilePathAttribute" when parameter.IsOptional && callerRank < 3:
                            (callerInfo, callerRank) = ("global::System.Runtime.CompilerServices.CallerFilePath", 3);
                            break;
                        case "System.Runtime.CompilerServices.CallerMemberNameAttribute" when parameter.IsOptional && callerRank < 2:
                            (callerInfo, callerRank) = ("global::System.Runtime.CompilerServices.CallerMemberName", 2);
                            break;
                        case "System.Runtime.CompilerServices.CallerArgumentExpressionAttribute"
                            when parameter.IsOptional && callerRank < 1 && attribute.ConstructorArguments is [{ Value: string name }] &&
                                name != parameter.Name && parameter.ContainingSymbol is IMethodSymbol method && method.Parameters.Any(p => p.Name == name):
                            (callerInfo, callerRank) = ($"global::System.Runtime.CompilerServices.CallerArgumentExpression({SymbolDisplay.FormatLiteral(name, quote: true)})", 1);
                            break;
                    }
                }

                if (callerInfo is not null)
                {
                    attributes.Add(callerInfo);
                }

                return attributes.ToEquatableArray();
            }

            /// <summary>A <c>[DefaultParameterValue]</c> argument: of the parameter's exact type (CS1908), so small integers are cast.</summary>
            private static string ExactConstant(IParameterSymbol parameter) => parameter.ExplicitDefaultValue switch
            {
                null => "null",
                var value when NonNullable(parameter.Type).TypeKind == TypeKind.Enum => Constant(value, parameter.Type),   // its underlying value, cast to it
                byte b => $"(byte)({b.ToString(CultureInfo.InvariantCulture)})",
                sbyte sb => $"(sbyte)({sb.ToString(CultureInfo.InvariantCulture)})",
                short sh => $"(short)({sh.ToString(CultureInfo.InvariantCulture)})",
                ushort us => $"(ushort)({us.ToString(CultureInfo.InvariantCulture)})",
                var value => Constant(value, parameter.Type),
            };

            /// <summary>A <c>[DecimalConstant]</c> from the value's bits, whichever constructor the target's used.</summary>
            private static string DecimalConstant(decimal value)
            {
                int[] bits = decimal.GetBits(value);
                int scale = (bits[3] >> 16) & 0xFF;
                int sign = bits[3] < 0 ? 1 : 0;
                return string.Format(
                    CultureInfo.InvariantCulture,
                    "global::System.Runtime.CompilerServices.DecimalConstant({0}, {1}, {2}U, {3}U, {4}U)",
                    scale,
                    sign,
                    (uint)bits[2],
                    (uint)bits[1],
                    (uint)bits[0]);
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
                return value is null ? none : Constant(value, parameter.Type);
            }

            /// <summary>The C# text of a non-null constant of <paramref name="parameterType"/> (or of its underlying type, when nullable).</summary>
            private static string Constant(object value, ITypeSymbol parameterType)
            {
                var type = NonNullable(parameterType);
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

            private static ITypeSymbol NonNullable(ITypeSymbol type) =>
                type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

            private static string Escape(string name) =>
                SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
        }
    }
}
