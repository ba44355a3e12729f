using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Multiprocessing.SourceGeneration;

namespace Multiprocessing.Analyzers.Rules
{
    /// <summary>
    /// Where processes are created and where the guard is called:
    /// MP0007 (process creation in code that runs again in every child: the entry point before the guard, a
    /// <c>[ModuleInitializer]</c>, the static constructor or static initializers of a type that declares targets or
    /// holds the entry point), MP0008 (any other static constructor or static initializer), MP0009
    /// (<c>ProcessEntry.Guard()</c> outside the entry point) and MP0010 (a target that starts itself unconditionally).
    /// Process creation is any call to an API marked <c>[CreatesProcess]</c> (generated stubs included) and
    /// <c>System.Diagnostics.Process.Start*</c>. Code in lambdas and local functions is stored for later, not run
    /// where it is written, so it is not reported.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ProcessCreationAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property set on MP0007 when the creation precedes the guard in the entry point.</summary>
        public const string BeforeGuardProperty = "BeforeGuard";

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.ProcessCreationOutsideGuardedEntry,
            DiagnosticDescriptors.ProcessCreationInStaticInitializer,
            DiagnosticDescriptors.GuardOutsideEntryPoint,
            DiagnosticDescriptors.TargetStartsItself);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(static start =>
            {
                var apis = ProcessApis.TryCreate(start.Compilation);
                if (apis is null)
                {
                    return;
                }

                var state = new CompilationState(start.Compilation, apis);
                start.RegisterOperationAction(state.AnalyzeInvocation, OperationKind.Invocation);
                start.RegisterOperationAction(state.AnalyzeObjectCreation, OperationKind.ObjectCreation);
            });
        }

        private sealed class CompilationState
        {
            private static readonly ImmutableDictionary<string, string?> s_beforeGuard =
                ImmutableDictionary<string, string?>.Empty.Add(BeforeGuardProperty, "true");

            private readonly Compilation _compilation;
            private readonly ProcessApis _apis;
            private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _declaresTargets = new(SymbolEqualityComparer.Default);
            private IMethodSymbol? _entryPoint;
            private int _entryPointResolved;

            public CompilationState(Compilation compilation, ProcessApis apis)
            {
                _compilation = compilation;
                _apis = apis;
            }

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                var method = invocation.TargetMethod;
                if (_apis.IsGuard(method))
                {
                    var entryPoint = GetEntryPoint(context.CancellationToken);
                    if (entryPoint is null || !SymbolEqualityComparer.Default.Equals(context.ContainingSymbol, entryPoint) ||
                        ProcessApis.IsInDeferredCode(invocation))   // a lambda or local function of the entry point runs later
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GuardOutsideEntryPoint, invocation.Syntax.GetLocation()));
                    }

                    return;
                }

                if (!_apis.CreatesProcess(method))
                {
                    return;
                }

                if (_apis.IsProcessTarget(context.ContainingSymbol) &&
                    IsOwnStub((IMethodSymbol)context.ContainingSymbol, method) &&
                    IsUnconditional(invocation, context.CancellationToken))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.TargetStartsItself,
                        invocation.Syntax.GetLocation(),
                        context.ContainingSymbol.Name));
                }

                AnalyzeCreationSite(context, method);
            }

            public void AnalyzeObjectCreation(OperationAnalysisContext context)
            {
                if (((IObjectCreationOperation)context.Operation).Constructor is { } constructor && _apis.CreatesProcess(constructor))
                {
                    AnalyzeCreationSite(context, constructor);
                }
            }

            /// <summary>MP0007/MP0008: where does this process creation run?</summary>
            private void AnalyzeCreationSite(OperationAnalysisContext context, IMethodSymbol api)
            {
                var location = context.Operation.Syntax.GetLocation();
                var operation = ProcessApis.RunsAt(context.Operation);
                if (operation is null)
                {
                    return;   // stored for later: it runs wherever it is called
                }

                var name = DisplayName(api);
                switch (context.ContainingSymbol)
                {
                    case IMethodSymbol { MethodKind: MethodKind.StaticConstructor } constructor:
                        ReportStaticInitialization(context, location, name, constructor.ContainingType, $"in the static constructor of '{constructor.ContainingType.Name}'");
                        return;

                    case IFieldSymbol { IsStatic: true } field:
                        ReportStaticInitialization(context, location, name, field.ContainingType, $"in the initializer of static field '{field.ContainingType.Name}.{field.Name}'");
                        return;

                    case IPropertySymbol { IsStatic: true } property when IsInInitializer(operation):
                        ReportStaticInitialization(context, location, name, property.ContainingType, $"in the initializer of static property '{property.ContainingType.Name}.{property.Name}'");
                        return;

                    case IMethodSymbol method when _apis.ModuleInitializerAttribute is { } moduleInitializer && method.HasAttribute(moduleInitializer):
                        context.ReportDiagnostic(Diagnostic.Create(
                            DiagnosticDescriptors.ProcessCreationOutsideGuardedEntry,
                            location,
                            name,
                            $"in module initializer '{method.ContainingType.Name}.{method.Name}'"));
                        return;

                    case IMethodSymbol method when SymbolEqualityComparer.Default.Equals(method, GetEntryPoint(context.CancellationToken)):
                        if (IsBeforeGuard(operation, context.CancellationToken))
                        {
                            context.ReportDiagnostic(Diagnostic.Create(
                                DiagnosticDescriptors.ProcessCreationOutsideGuardedEntry,
                                location,
                                s_beforeGuard,
                                name,
                                "before ProcessEntry.Guard() in the entry point"));
                        }

                        return;
                }
            }

            private void ReportStaticInitialization(OperationAnalysisContext context, Location location, string name, INamedTypeSymbol type, string where)
            {
                if (DeclaresTargets(type))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.ProcessCreationOutsideGuardedEntry,
                        location,
                        name,
                        where + ", a type that declares process targets"));
                }
                else if (GetEntryPoint(context.CancellationToken) is { } entryPoint && SymbolEqualityComparer.Default.Equals(entryPoint.ContainingType, type))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.ProcessCreationOutsideGuardedEntry,
                        location,
                        name,
                        where + ", which runs before the entry point"));
                }
                else
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ProcessCreationInStaticInitializer, location, name, where));
                }
            }

            private bool DeclaresTargets(INamedTypeSymbol type) =>
                _declaresTargets.GetOrAdd(type, t => t.GetMembers().Any(m => _apis.IsProcessTarget(m)));

            /// <summary>The program's entry point, or <see langword="null"/> for a library; computed once, on first need.</summary>
            private IMethodSymbol? GetEntryPoint(CancellationToken cancellationToken)
            {
                if (Volatile.Read(ref _entryPointResolved) == 0)
                {
                    var entryPoint = _compilation.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication or OutputKind.WindowsRuntimeApplication
                        ? _compilation.GetEntryPoint(cancellationToken)
                        : null;
                    // a partial Main: the compiler names its declaration; the code is in its implementation
                    entryPoint = entryPoint?.PartialImplementationPart ?? entryPoint;
                    Interlocked.CompareExchange(ref _entryPoint, entryPoint, null);
                    Volatile.Write(ref _entryPointResolved, 1);
                }

                return _entryPoint;
            }

            /// <summary>
            /// Whether <paramref name="operation"/>, in the entry point, comes before its first <c>ProcessEntry.Guard()</c>
            /// call (wherever that call is: first, in a block, in a <c>using</c> or an <c>if</c>; not in a lambda or a local
            /// function, which run later). Without a guard call MP0006 reports the entry point and this rule stays quiet
            /// (its fix, inserting the guard, settles both).
            /// </summary>
            private bool IsBeforeGuard(IOperation operation, CancellationToken cancellationToken)
            {
                var model = operation.SemanticModel;
                if (model is null)
                {
                    return false;
                }

                System.Collections.Generic.IEnumerable<SyntaxNode>? body = null;
                for (var node = operation.Syntax; node is not null && body is null; node = node.Parent)
                {
                    body = node switch
                    {
                        GlobalStatementSyntax { Parent: CompilationUnitSyntax unit } => unit.Members.OfType<GlobalStatementSyntax>(),
                        BaseMethodDeclarationSyntax method => method.Body is { } block ? [block] : [],
                        _ => null,
                    };
                }

                var firstGuard = body?
                    .SelectMany(static statement => statement.DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
                    .OfType<InvocationExpressionSyntax>()
                    .Where(invocation => invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: KnownNames.GuardMethod } or IdentifierNameSyntax { Identifier.ValueText: KnownNames.GuardMethod } &&
                        model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method && _apis.IsGuard(method))
                    .Select(static invocation => invocation.SpanStart)
                    .DefaultIfEmpty(-1)
                    .Min();
                return firstGuard > operation.Syntax.SpanStart;
            }

            /// <summary>Whether <paramref name="stub"/> belongs to the descriptor in <paramref name="target"/>'s own <c>Targets</c> field.</summary>
            private static bool IsOwnStub(IMethodSymbol target, IMethodSymbol stub)
            {
                var descriptor = stub.ContainingType;
                return descriptor?.ContainingType is { Name: KnownNames.TargetsClassName } targets &&
                    SymbolEqualityComparer.Default.Equals(targets.ContainingType, target.ContainingType) &&
                    targets.GetMembers(target.Name).OfType<IFieldSymbol>().Any(field => SymbolEqualityComparer.Default.Equals(field.Type, descriptor));
            }

            /// <summary>
            /// Whether the call runs every time the target runs: it is not under an <c>if</c>, a <c>switch</c>, a
            /// conditional or short-circuit operator, a loop, a <c>catch</c>, a lambda or a local function (other than in
            /// what they evaluate first: an <c>if</c>'s condition, the value a <c>switch</c> or pattern tests, a
            /// <c>foreach</c>'s collection, the left side of <c>&amp;&amp;</c>, <c>||</c> or <c>??</c>, the receiver of
            /// <c>?.</c>), and no <c>return</c>, <c>throw</c>, <c>yield break</c> or <c>goto</c> comes before it.
            /// </summary>
            private static bool IsUnconditional(IOperation operation, CancellationToken cancellationToken)
            {
                IOperation root = operation;
                for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
                {
                    bool evaluatedFirst = parent switch
                    {
                        IConditionalOperation conditional => conditional.Condition == root,
                        ISwitchOperation switchStatement => switchStatement.Value == root,
                        ISwitchExpressionOperation switchExpression => switchExpression.Value == root,
                        IForEachLoopOperation forEach => forEach.Collection == root,
                        IIsPatternOperation pattern => pattern.Value == root,
                        ICoalesceOperation coalesce => coalesce.Value == root,
                        IConditionalAccessOperation access => access.Operation == root,
                        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } binary => binary.LeftOperand == root,
                        ILoopOperation or ICatchClauseOperation or IAnonymousFunctionOperation or ILocalFunctionOperation or ICoalesceAssignmentOperation => false,
                        _ => true,
                    };
                    if (!evaluatedFirst)
                    {
                        return false;
                    }

                    root = parent;
                }

                var start = operation.Syntax.SpanStart;
                foreach (var node in root.Syntax.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (node.SpanStart >= start)
                    {
                        break;
                    }

                    // an exit before the call makes it conditional; the return that holds the call (return await Start(...)) does not
                    if (node is ReturnStatementSyntax or ThrowStatementSyntax or ThrowExpressionSyntax or GotoStatementSyntax or
                        YieldStatementSyntax { RawKind: (int)SyntaxKind.YieldBreakStatement } &&
                        !node.Span.Contains(operation.Syntax.Span))
                    {
                        return false;
                    }
                }

                return true;
            }

            private static bool IsInInitializer(IOperation operation)
            {
                for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
                {
                    if (parent is IPropertyInitializerOperation or IFieldInitializerOperation)
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary><c>Workers.Targets.Work.Start</c>, <c>Process.Start</c>, <c>new ProcessPool</c>.</summary>
            private static string DisplayName(IMethodSymbol api)
            {
                var type = api.ContainingType;
                if (api.MethodKind == MethodKind.Constructor)
                {
                    return "new " + type.Name;
                }

                if (type.ContainingType is { Name: KnownNames.TargetsClassName } targets && targets.ContainingType is { } owner &&
                    KnownNames.TargetOfDescriptorClass(type.Name) is { } target)
                {
                    return $"{owner.Name}.{KnownNames.TargetsClassName}.{target}.{api.Name}";
                }

                return type.Name + "." + api.Name;
            }
        }
    }
}
