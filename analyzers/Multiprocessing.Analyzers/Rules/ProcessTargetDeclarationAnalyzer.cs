using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Multiprocessing.SourceGeneration;

namespace Multiprocessing.Analyzers.Rules
{
    /// <summary>
    /// Reports <c>[ProcessTarget]</c> declarations the generator cannot emit a descriptor for: MP0001 (not an
    /// ordinary static method, including local functions and lambdas) and MP0002 (a containing type that is not
    /// partial or is generic). The checks are the generator's own, from <see cref="ProcessTargetRules"/>.
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
            DiagnosticDescriptors.ContainingTypeMustBePartial);

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
            if (!method.HasAttribute(processTarget) || method.Locations.IsEmpty)
            {
                return;
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
        }

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
