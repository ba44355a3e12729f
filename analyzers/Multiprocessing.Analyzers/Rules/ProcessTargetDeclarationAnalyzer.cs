using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Multiprocessing.SourceGeneration;

namespace Multiprocessing.Analyzers.Rules
{
    /// <summary>
    /// Reports <c>[ProcessTarget]</c> declarations the generator cannot emit a descriptor for: MP0001 (not an
    /// ordinary static method, including local functions and lambdas), MP0002 (a containing type that is not
    /// partial or is generic), MP0003 (a signature the dispatcher cannot call), MP0005 (two targets with one id),
    /// MP0013 (a containing type the dispatch table cannot name) and MP0015 (a member that takes the name <c>Targets</c>,
    /// or, in the type's own <c>Targets</c>, a target's name).
    /// The checks are the generator's own, from <see cref="ProcessTargetRules"/>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ProcessTargetDeclarationAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>How MP0002 names a type: with its containing types and type parameters, without its namespace.</summary>
        internal static readonly SymbolDisplayFormat TypeNameFormat = new(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters);

        /// <summary>The name MP0001 gives a lambda, which has none of its own.</summary>
        internal const string LambdaName = "lambda";

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.ProcessTargetMustBeStatic,
            DiagnosticDescriptors.ContainingTypeMustBePartial,
            DiagnosticDescriptors.UnsupportedTargetSignature,
            DiagnosticDescriptors.DuplicateTargetId,
            DiagnosticDescriptors.ContainingTypeNotReachable,
            DiagnosticDescriptors.TargetsNameTaken);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(static start =>
            {
                var processTarget = start.Compilation.GetBestTypeByMetadataName(KnownNames.ProcessTargetAttribute);
                if (processTarget is null)
                {
                    return;   // the runtime is not referenced: nothing can carry the attribute
                }

                start.RegisterSymbolAction(c => AnalyzeMethod(c, processTarget), SymbolKind.Method);
                start.RegisterSymbolAction(c => AnalyzeType(c, processTarget), SymbolKind.NamedType);
                start.RegisterOperationAction(
                    c => AnalyzeFunction(c, ((ILocalFunctionOperation)c.Operation).Symbol, processTarget),
                    OperationKind.LocalFunction);
                start.RegisterOperationAction(
                    c => AnalyzeFunction(c, ((IAnonymousFunctionOperation)c.Operation).Symbol, processTarget),
                    OperationKind.AnonymousFunction);
            });
        }

        private static void AnalyzeMethod(SymbolAnalysisContext context, INamedTypeSymbol processTarget)
        {
            var method = (IMethodSymbol)context.Symbol;
            if (!method.HasAttribute(processTarget) || method.Locations.IsEmpty || method.PartialDefinitionPart is not null)
            {
                return;   // a partial method is reported once, on its defining declaration
            }

            var location = method.Locations[0];
            if (!ProcessTargetRules.IsStaticMethod(method))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ProcessTargetMustBeStatic, location, method.Name));
            }

            var type = ProcessTargetRules.FindNonPartialOrGenericContainingType(method, context.CancellationToken);
            if (type is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ContainingTypeMustBePartial,
                    location,
                    type.ToDisplayString(TypeNameFormat),
                    method.Name));
            }

            var shape = ProcessTargetRules.GetUnsupportedShape(method, out var parameter);
            if (shape != UnsupportedShape.None)
            {
                var where = parameter is not null && !parameter.Locations.IsEmpty ? parameter.Locations[0] : location;
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UnsupportedTargetSignature,
                    where,
                    method.Name,
                    Describe(shape, method, parameter)));
            }

            var unreachableContainer = ProcessTargetRules.FindUnreachableContainingType(method);
            var unreachable = unreachableContainer ?? ProcessTargetRules.FindUnreachableSignatureType(method);
            if (unreachable is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ContainingTypeNotReachable,
                    location,
                    method.Name,
                    unreachable.ToDisplayString(TypeNameFormat),
                    unreachable.IsFileLocal ? "file-local ('file')" : SyntaxFacts.GetText(unreachable.DeclaredAccessibility),
                    unreachableContainer is not null ? "its containing type" : "a type in its signature"));
            }
        }

        /// <summary>What holds the name Targets, as MP0015's message says it.</summary>
        private static string NameHolder(INamedTypeSymbol type, ISymbol conflict) => conflict switch
        {
            _ when SymbolEqualityComparer.Default.Equals(conflict, type) => "its own name is 'Targets' (a member cannot have its type's name)",
            IMethodSymbol => "it declares a method named 'Targets'",
            IFieldSymbol => "it declares a field named 'Targets'",
            IPropertySymbol => "it declares a property named 'Targets'",
            IEventSymbol => "it declares an event named 'Targets'",
            INamedTypeSymbol { IsRecord: true } => "it declares a record named 'Targets'",
            INamedTypeSymbol { TypeKind: TypeKind.Class, DeclaredAccessibility: Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal } =>
                "it declares a private or protected class named 'Targets' (the generated dispatcher must reach it)",
            INamedTypeSymbol { TypeKind: TypeKind.Class } => "it declares a class named 'Targets' that is not partial in every declaration",
            _ => "it declares a type named 'Targets'",
        };

        private static string Kind(ISymbol member) => member switch
        {
            IMethodSymbol => "a method",
            IFieldSymbol => "a field",
            IPropertySymbol => "a property",
            IEventSymbol => "an event",
            _ => "a type",
        };

        /// <summary>
        /// MP0005: targets of one type that share a name (overloads) would share an id and a descriptor; names that differ
        /// only in case would share the generated file's name (file names are case-insensitive on some systems).
        /// </summary>
        private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol processTarget)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            Dictionary<string, List<IMethodSymbol>>? byName = null;
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && !method.Locations.IsEmpty && method.HasAttribute(processTarget))
                {
                    byName ??= new Dictionary<string, List<IMethodSymbol>>(StringComparer.OrdinalIgnoreCase);
                    if (!byName.TryGetValue(method.Name, out var list))
                    {
                        byName[method.Name] = list = new List<IMethodSymbol>();
                    }

                    list.Add(method);
                }
            }

            if (byName is null)
            {
                return;
            }

            // MP0015: the generated descriptors' class needs the name Targets in this type
            if (ProcessTargetRules.FindTargetsNameConflict(type, context.CancellationToken) is { Locations: [{ IsInSource: true } where, ..] } conflict)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TargetsNameTaken, where, type.ToDisplayString(TypeNameFormat), NameHolder(type, conflict)));
            }
            else
            {
                // and each descriptor its target's name in the type's own Targets (overloads share one: reported once)
                foreach (var group in byName.Values)
                {
                    foreach (var name in group.Select(static m => m.Name).Distinct())
                    {
                        if (ProcessTargetRules.FindDescriptorNameConflict(group.First(m => m.Name == name)) is { Locations: [{ IsInSource: true } at, ..] } member)
                        {
                            context.ReportDiagnostic(Diagnostic.Create(
                                DiagnosticDescriptors.TargetsNameTaken,
                                at,
                                type.ToDisplayString(TypeNameFormat),
                                $"its class Targets declares {Kind(member)} named '{name}', which the descriptor of target '{name}' needs"));
                        }
                    }
                }
            }

            foreach (var group in byName.Values)
            {
                if (group.Count < 2)
                {
                    continue;
                }

                // the first declaration keeps the id; every later one is reported
                group.Sort(static (a, b) => CompareLocations(a.Locations[0], b.Locations[0]));
                var id = TargetId(context.Compilation, group[0]);
                for (var i = 1; i < group.Count; i++)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateTargetId, group[i].Locations[0], group[i].Name, id));
                }
            }
        }

        /// <summary>The id the generator gives a target: <c>Assembly:Namespace.Type.Method</c>.</summary>
        internal static string TargetId(Compilation compilation, IMethodSymbol method)
        {
            var path = method.Name;
            for (var type = method.ContainingType; type is not null; type = type.ContainingType)
            {
                path = type.Name + "." + path;
            }

            var ns = method.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() + "." : "";
            return compilation.AssemblyName + ":" + ns + path;
        }

        private static int CompareLocations(Location a, Location b)
        {
            var byPath = string.CompareOrdinal(a.SourceTree?.FilePath, b.SourceTree?.FilePath);
            return byPath != 0 ? byPath : a.SourceSpan.Start.CompareTo(b.SourceSpan.Start);
        }

        private static string Describe(UnsupportedShape shape, IMethodSymbol method, IParameterSymbol? parameter) => shape switch
        {
            UnsupportedShape.Generic => "is generic: a child process could not choose its type arguments",
            UnsupportedShape.AsyncVoid => "is 'async void': nothing tells the parent when it ends; return Task instead",
            UnsupportedShape.ReturnsByRef => "returns by reference: a reference into the child means nothing to the parent",
            UnsupportedShape.RefParameter => $"takes parameter '{parameter?.Name}' by reference (ref, out or in): a child process cannot write back into the parent's variables; return the value instead",
            UnsupportedShape.ParamsParameter => $"takes a params parameter '{parameter?.Name}': the generated Start stub passes arguments one by one; take an array or a list instead",
            UnsupportedShape.RefLikeParameter => $"takes parameter '{parameter?.Name}' of ref struct type '{parameter?.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}', which cannot be serialized; take an array instead",
            UnsupportedShape.PointerParameter => $"takes pointer parameter '{parameter?.Name}': an address means nothing in another process",
            UnsupportedShape.RefLikeReturn => $"returns ref struct type '{method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}', which cannot be serialized; return an array instead",
            UnsupportedShape.PointerReturn => "returns a pointer: an address means nothing in another process",
            UnsupportedShape.Varargs => "takes __arglist: the generated Start stub passes arguments one by one; take an array or a list instead",
            UnsupportedShape.NotADelegate => "is [Conditional] or [UnmanagedCallersOnly]: the child calls a target through a delegate, which such a method cannot become; call it from an ordinary target",
            _ => "has an unsupported signature",
        };

        /// <summary>MP0001 for a local function or a lambda: the attribute is allowed there, a target is not.</summary>
        private static void AnalyzeFunction(OperationAnalysisContext context, IMethodSymbol function, INamedTypeSymbol processTarget)
        {
            foreach (var attribute in function.GetAttributes())
            {
                if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, processTarget))
                {
                    continue;
                }

                var isLambda = function.MethodKind == MethodKind.AnonymousFunction;
                var location = !isLambda && !function.Locations.IsEmpty
                    ? function.Locations[0]
                    : attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? context.Operation.Syntax.GetLocation();
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ProcessTargetMustBeStatic,
                    location,
                    isLambda ? LambdaName : function.Name));
                return;
            }
        }
    }
}
