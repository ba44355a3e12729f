using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using Multiprocessing.SourceGeneration;

namespace Multiprocessing.Analyzers.Rules
{
    /// <summary>
    /// MP0006: an executable that declares process targets, or calls an API marked <c>[CreatesProcess]</c>, must
    /// call <c>ProcessEntry.Guard()</c> as the first statement of its entry point (top-level statements or
    /// <c>Main</c>). Reported once per compilation, at its end, on the entry point.
    /// <para>
    /// MP0014: the same, in a test project whose entry point the test platform generates, where no user code can come
    /// before the test session. Reported instead of MP0006, once per compilation, on the first <c>[ProcessTarget]</c>
    /// method or process-creating call.
    /// </para>
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class GuardedEntryAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Metadata name of the marker on process-creating APIs and generated spawn stubs.</summary>
        internal const string CreatesProcessAttribute = KnownNames.CreatesProcessAttribute;

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.EntryPointMustCallGuardFirst, DiagnosticDescriptors.TestPlatformGeneratesEntryPoint);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(static start =>
            {
                var compilation = start.Compilation;
                if (!IsExecutable(compilation.Options.OutputKind))
                {
                    return;   // class libraries and test libraries have no entry point of their own
                }

                var processTarget = compilation.GetBestTypeByMetadataName(KnownNames.ProcessTargetAttribute);
                var processEntry = compilation.GetBestTypeByMetadataName(KnownNames.ProcessEntry);
                if (processTarget is null || processEntry is null)
                {
                    return;   // the runtime is not referenced
                }

                var buildProperties = start.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
                var state = new CompilationState(
                    processTarget,
                    compilation.GetBestTypeByMetadataName(CreatesProcessAttribute),
                    processEntry,
                    buildProperties,
                    TestPlatform.IsTestProject(compilation, buildProperties));
                start.RegisterSymbolAction(state.AnalyzeMethod, SymbolKind.Method);
                start.RegisterOperationAction(state.AnalyzeInvocation, OperationKind.Invocation);
                start.RegisterOperationAction(state.AnalyzeObjectCreation, OperationKind.ObjectCreation);
                start.RegisterCompilationEndAction(state.AnalyzeEntryPoint);
            });
        }

        private static bool IsExecutable(OutputKind kind) =>
            kind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication or OutputKind.WindowsRuntimeApplication;

        /// <summary>What one compilation has shown so far; the actions run concurrently.</summary>
        private sealed class CompilationState
        {
            private readonly INamedTypeSymbol _processTarget;
            private readonly INamedTypeSymbol? _createsProcess;
            private readonly INamedTypeSymbol _processEntry;
            private readonly AnalyzerConfigOptions _buildProperties;

            /// <summary>Whether this is a test project, which notes where it uses processes for MP0014.</summary>
            private readonly bool _isTestProject;

            /// <summary>In a test project: the <c>[ProcessTarget]</c> methods and process-creating calls, where MP0014 may go.</summary>
            private readonly ConcurrentBag<Location> _processUses = new();

            /// <summary>Every <c>ProcessEntry.Guard()</c> call, by its invocation's tree and span.</summary>
            private readonly ConcurrentDictionary<(SyntaxTree Tree, TextSpan Span), byte> _guardCalls = new();

            private int _usesProcessTargets;

            public CompilationState(
                INamedTypeSymbol processTarget,
                INamedTypeSymbol? createsProcess,
                INamedTypeSymbol processEntry,
                AnalyzerConfigOptions buildProperties,
                bool isTestProject)
            {
                _processTarget = processTarget;
                _createsProcess = createsProcess;
                _processEntry = processEntry;
                _buildProperties = buildProperties;
                _isTestProject = isTestProject;
            }

            public void AnalyzeMethod(SymbolAnalysisContext context)
            {
                if ((_isTestProject || Volatile.Read(ref _usesProcessTargets) == 0) && context.Symbol.HasAttribute(_processTarget))
                {
                    Volatile.Write(ref _usesProcessTargets, 1);
                    if (_isTestProject && FirstInSource(context.Symbol.Locations) is { } location)
                    {
                        _processUses.Add(location);
                    }
                }
            }

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var method = ((IInvocationOperation)context.Operation).TargetMethod;
                if (IsGuard(method))
                {
                    var syntax = context.Operation.Syntax;
                    _guardCalls.TryAdd((syntax.SyntaxTree, syntax.Span), 0);
                }
                else
                {
                    NoteProcessCreation(method, context.Operation);
                }
            }

            public void AnalyzeObjectCreation(OperationAnalysisContext context)
            {
                if (((IObjectCreationOperation)context.Operation).Constructor is { } constructor)
                {
                    NoteProcessCreation(constructor, context.Operation);
                }
            }

            public void AnalyzeEntryPoint(CompilationAnalysisContext context)
            {
                if (Volatile.Read(ref _usesProcessTargets) == 0)
                {
                    return;
                }

                var entryPoint = context.Compilation.GetEntryPoint(context.CancellationToken);
                entryPoint = entryPoint?.PartialImplementationPart ?? entryPoint; // a partial Main's code is in its implementation
                if (entryPoint is null || !TryFindFirstStatement(entryPoint, context.CancellationToken, out var first, out var location))
                {
                    return;
                }

                if (first is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax invocation } &&
                    _guardCalls.ContainsKey((invocation.SyntaxTree, invocation.Span)))
                {
                    return;
                }

                if (first is null && location.SourceTree is { } tree &&
                    tree.GetRoot(context.CancellationToken).FindNode(location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>() is
                        { ExpressionBody.Expression: InvocationExpressionSyntax body } &&
                    _guardCalls.ContainsKey((body.SyntaxTree, body.Span)))
                {
                    return;   // static void Main() => ProcessEntry.Guard();
                }

                if (TestPlatform.GeneratedEntryPoint(entryPoint, _buildProperties))
                {
                    // the user cannot put the guard in generated code: MP0014 (in a test project) replaces MP0006
                    if (_isTestProject && FirstInSource(_processUses) is { } use)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TestPlatformGeneratesEntryPoint, use));
                    }

                    return;
                }

                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.EntryPointMustCallGuardFirst, location));
            }

            private bool IsGuard(IMethodSymbol method) =>
                method.IsStatic &&
                method.Parameters.IsEmpty &&
                method.Name == KnownNames.GuardMethod &&
                SymbolEqualityComparer.Default.Equals(method.ContainingType, _processEntry);

            private void NoteProcessCreation(IMethodSymbol method, IOperation operation)
            {
                if (_createsProcess is not null &&
                    (_isTestProject || Volatile.Read(ref _usesProcessTargets) == 0) &&
                    (method.HasAttribute(_createsProcess) || method.OriginalDefinition.HasAttribute(_createsProcess)))
                {
                    Volatile.Write(ref _usesProcessTargets, 1);
                    if (_isTestProject)
                    {
                        _processUses.Add(operation.Syntax.GetLocation());
                    }
                }
            }

            /// <summary>The first of <paramref name="locations"/> in source order (file path, then position): deterministic whatever order the actions ran in.</summary>
            private static Location? FirstInSource(IEnumerable<Location> locations)
            {
                Location? first = null;
                foreach (var location in locations)
                {
                    if (!location.IsInSource)
                    {
                        continue;
                    }

                    if (first is null)
                    {
                        first = location;
                        continue;
                    }

                    var byPath = string.CompareOrdinal(location.SourceTree!.FilePath, first.SourceTree!.FilePath);
                    if (byPath < 0 || (byPath == 0 && location.SourceSpan.Start < first.SourceSpan.Start))
                    {
                        first = location;
                    }
                }

                return first;
            }

            /// <summary>
            /// The first statement of <paramref name="statement"/> that runs code, looking into blocks and labels: local
            /// function declarations, <c>const</c> locals, empty statements and empty blocks run nothing.
            /// </summary>
            private static StatementSyntax? FirstThatRuns(StatementSyntax statement)
            {
                switch (statement)
                {
                    case LabeledStatementSyntax labeled:
                        return FirstThatRuns(labeled.Statement);
                    case BlockSyntax block:
                        foreach (var inner in block.Statements)
                        {
                            if (FirstThatRuns(inner) is { } runs)
                            {
                                return runs;
                            }
                        }

                        return null;
                    case LocalFunctionStatementSyntax or EmptyStatementSyntax:
                    case LocalDeclarationStatementSyntax { IsConst: true }:
                        return null;
                    default:
                        return statement;
                }
            }

            /// <summary>
            /// The first statement that runs in the entry point (see <see cref="FirstThatRuns"/>) and where to report:
            /// that statement for top-level statements, the method name for <c>Main</c>.
            /// </summary>
            private static bool TryFindFirstStatement(
                IMethodSymbol entryPoint,
                CancellationToken cancellationToken,
                out StatementSyntax? first,
                out Location location)
            {
                first = null;
                location = Location.None;
                foreach (var reference in entryPoint.DeclaringSyntaxReferences)
                {
                    switch (reference.GetSyntax(cancellationToken))
                    {
                        case CompilationUnitSyntax unit:
                            foreach (var member in unit.Members)
                            {
                                if (member is not GlobalStatementSyntax global)
                                {
                                    continue;
                                }

                                if (location == Location.None)
                                {
                                    location = global.GetLocation();
                                }

                                if (FirstThatRuns(global.Statement) is { } runs)
                                {
                                    first = runs;
                                    location = global.GetLocation();
                                    return true;
                                }
                            }

                            return location != Location.None;

                        case MethodDeclarationSyntax method:
                            location = method.Identifier.GetLocation();
                            if (method.Body is not null)
                            {
                                first = FirstThatRuns(method.Body);
                            }
                            else if (method.ExpressionBody is null)
                            {
                                continue;   // a declaration without a body (a partial definition)
                            }

                            return true;
                    }
                }

                return false;
            }
        }
    }
}
