using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Multiprocessing.Analyzers.Rules
{
    /// <summary>
    /// MP0012: a <c>ChildProcess</c> returned by a process-creating call that is never awaited, joined, disposed or
    /// handed on (returned, stored, passed to a method, captured), and a <c>ProcessPool</c> that is never disposed.
    /// A call whose result is simply dropped in an <c>async</c> function is left to the compiler's CS4014. Children
    /// started as daemons (<c>ProcessOptions.Daemon</c>) are exempt.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ProcessLifetimeAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property set on the pool form of MP0012 (its code fix adds <c>await using</c>).</summary>
        public const string PoolProperty = "Pool";

        private static readonly ImmutableDictionary<string, string?> s_pool = ImmutableDictionary<string, string?>.Empty.Add(PoolProperty, "true");

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.ChildProcessNotJoined,
            DiagnosticDescriptors.ProcessPoolNotDisposed);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(static start =>
            {
                var apis = ProcessApis.TryCreate(start.Compilation);
                if (apis?.ChildProcess is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeInvocation(c, apis), OperationKind.Invocation);
                if (apis.ProcessPool is not null)
                {
                    start.RegisterOperationAction(c => AnalyzeObjectCreation(c, apis), OperationKind.ObjectCreation);
                }
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, ProcessApis apis)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (!apis.CreatesProcess(method) || !DerivesFrom(method.ReturnType, apis.ChildProcess!) || MayBeDaemon(invocation, apis))
            {
                return;
            }

            var parent = SkipConversions(invocation, out var value);
            if (parent is IExpressionStatementOperation && IsInAsyncFunction(invocation, context.ContainingSymbol))
            {
                return;   // CS4014: "Because this call is not awaited..."
            }

            if (IsLost(value, parent, isPool: false))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ChildProcessNotJoined,
                    invocation.Syntax.GetLocation(),
                    StubName(method)));
            }
        }

        private static void AnalyzeObjectCreation(OperationAnalysisContext context, ProcessApis apis)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (!SymbolEqualityComparer.Default.Equals(creation.Type, apis.ProcessPool))
            {
                return;
            }

            var parent = SkipConversions(creation, out var value);
            if (IsLost(value, parent, isPool: true))
            {
                var name = parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }
                    ? declarator.Symbol.Name
                    : creation.Syntax.ToString();
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ProcessPoolNotDisposed,
                    creation.Syntax.GetLocation(),
                    s_pool,
                    name));
            }
        }

        /// <summary>Whether the process held by <paramref name="value"/> is dropped without being joined or disposed.</summary>
        private static bool IsLost(IOperation value, IOperation? parent, bool isPool)
        {
            switch (parent)
            {
                case IExpressionStatementOperation:
                    return true;
                case ISimpleAssignmentOperation { Target: IDiscardOperation }:
                    return true;
                case IPropertyReferenceOperation property when property.Instance == value:
                    return true;   // Start(...).Pid: the handle is gone after one look
                case IInvocationOperation call when call.Instance == value:
                    return isPool ? !IsRelease(call.TargetMethod.Name, isPool) : false;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return !IsInUsing(declarator) && IsLocalLost(declarator.Symbol, declarator, isPool);
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == value:
                    return IsLocalLost(target.Local, assignment, isPool);   // p = Start(...) into a declared local
                default:
                    return false;   // awaited, returned, passed, stored: handed on
            }
        }

        /// <summary>Whether the local is declared by a <c>using</c> declaration or statement.</summary>
        private static bool IsInUsing(IVariableDeclaratorOperation declarator)
        {
            for (var parent = declarator.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IUsingDeclarationOperation or IUsingOperation)
                {
                    return true;
                }

                if (parent is not (IVariableDeclarationOperation or IVariableDeclarationGroupOperation))
                {
                    break;
                }
            }

            return false;
        }

        /// <summary>A local: lost unless one of its uses joins, awaits, disposes or hands it on.</summary>
        private static bool IsLocalLost(ILocalSymbol local, IOperation within, bool isPool)
        {
            var root = within;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            foreach (var operation in root.Descendants())
            {
                if (operation is ILocalReferenceOperation reference &&
                    SymbolEqualityComparer.Default.Equals(reference.Local, local) &&
                    IsHandled(reference, isPool))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Whether this use of the local joins, awaits or disposes it, or may: anything but a look at it.</summary>
        private static bool IsHandled(ILocalReferenceOperation reference, bool isPool)
        {
            if (ProcessApis.IsInDeferredCode(reference))
            {
                return true;   // captured: the lambda may join it
            }

            var parent = SkipConversions(reference, out var value);
            return parent switch
            {
                IPropertyReferenceOperation property when property.Instance == value => false,
                IInvocationOperation call when call.Instance == value => IsRelease(call.TargetMethod.Name, isPool),
                IAssignmentOperation assignment when assignment.Target == value => false,   // given a new value
                IInterpolationOperation => false,
                IExpressionStatementOperation => false,
                _ => true,   // awaited, returned, passed, stored, used by a using statement...
            };
        }

        private static bool IsRelease(string method, bool isPool) => isPool
            ? method is "Dispose" or "DisposeAsync" or "Close" or "Terminate" or "Join" or "JoinAsync"
            : method is "Join" or "JoinAsync" or "Dispose" or "DisposeAsync" or "Terminate" or "Kill" or "GetAwaiter" or "Wait";

        /// <summary>
        /// Whether the child may be a daemon: started through <c>With(options)</c> with options that set
        /// <c>Daemon</c>, or that this rule cannot see (a variable, a parameter, a field of the user's). A descriptor kept
        /// in a local variable is followed to the one value it was given.
        /// </summary>
        private static bool MayBeDaemon(IInvocationOperation invocation, ProcessApis apis)
        {
            var receiver = invocation.Instance;
            for (int hops = 0; receiver is not null && hops < 8; hops++)
            {
                switch (SkipConversionsDown(receiver))
                {
                    case IInvocationOperation with:
                        if (WithMayMakeDaemon(with, apis))
                        {
                            return true;
                        }

                        receiver = with.Instance;
                        break;

                    case ILocalReferenceOperation local:
                        receiver = OnlyValue(local);
                        if (receiver is null)
                        {
                            return true;   // assigned more than once: options the rule cannot see
                        }

                        break;

                    case IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true, ContainingType.Name: "Targets" } field }
                        when SymbolEqualityComparer.Default.Equals(field.Type.ContainingType, field.ContainingType):
                        return false;   // the generated descriptor itself: no options

                    default:
                        return true;    // a parameter, or a field or property of the user's: options the rule cannot see
                }
            }

            return false;
        }

        /// <summary>Whether a <c>With(options)</c> call passes options that set <c>Daemon</c>, or that this rule cannot see.</summary>
        private static bool WithMayMakeDaemon(IInvocationOperation with, ProcessApis apis)
        {
            foreach (var argument in with.Arguments)
            {
                if (!SymbolEqualityComparer.Default.Equals(argument.Value.Type, apis.ProcessOptions))
                {
                    continue;
                }

                if (SkipConversionsDown(argument.Value) is not IObjectCreationOperation creation)
                {
                    return true;
                }

                if (creation.Initializer is { } initializer)
                {
                    foreach (var member in initializer.Initializers)
                    {
                        if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Daemon" } } daemon &&
                            !(daemon.Value.ConstantValue is { HasValue: true, Value: false }))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>The value a local was declared with, when nothing else is ever assigned to it (or passed by reference).</summary>
        private static IOperation? OnlyValue(ILocalReferenceOperation local)
        {
            IOperation? value = null;
            foreach (var operation in ProcessApis.Root(local).Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local):
                        value = declarator.Initializer?.Value;
                        break;
                    case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local.Local) &&
                        (reference.Parent is IAssignmentOperation assignment && assignment.Target == reference ||
                         reference.Parent is IArgumentOperation { Parameter.RefKind: not RefKind.None }):
                        return null;
                }
            }

            return value;
        }

        private static IOperation? SkipConversions(IOperation operation, out IOperation value)
        {
            value = operation;
            var parent = operation.Parent;
            // a ? Start(x) : Start(y), an arm of a switch expression, the right side of ??: each is what the whole
            // expression's user gets
            while (true)
            {
                if (parent is IConversionOperation { IsImplicit: true } or IParenthesizedOperation ||
                    parent is IConditionalOperation conditional && conditional.Condition != value ||
                    parent is ICoalesceOperation coalesce && coalesce.WhenNull == value)
                {
                    value = parent;
                    parent = parent.Parent;
                }
                else if (parent is ISwitchExpressionArmOperation arm && arm.Value == value && arm.Parent is ISwitchExpressionOperation switchExpression)
                {
                    value = switchExpression;
                    parent = switchExpression.Parent;
                }
                else
                {
                    return parent;
                }
            }
        }

        private static IOperation SkipConversionsDown(IOperation operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        private static bool IsInAsyncFunction(IOperation operation, ISymbol containing)
        {
            for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation lambda:
                        return lambda.Symbol.IsAsync;
                    case ILocalFunctionOperation local:
                        return local.Symbol.IsAsync;
                }
            }

            return containing is IMethodSymbol { IsAsync: true };
        }

        private static bool DerivesFrom(ITypeSymbol type, INamedTypeSymbol baseType)
        {
            for (var t = type as INamedTypeSymbol; t is not null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        private static string StubName(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (type.ContainingType is { Name: SourceGeneration.KnownNames.TargetsClassName } targets && targets.ContainingType is { } owner &&
                SourceGeneration.KnownNames.TargetOfDescriptorClass(type.Name) is { } target)
            {
                return $"{owner.Name}.Targets.{target}.{method.Name}";
            }

            return type.Name + "." + method.Name;
        }
    }
}
