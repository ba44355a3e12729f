using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Multiprocessing.SourceGeneration;

namespace Multiprocessing.Analyzers
{
    /// <summary>
    /// The runtime and framework symbols the process-creation rules need, resolved once per compilation: every API
    /// marked <c>[CreatesProcess]</c> (runtime APIs and generated stubs alike), <c>System.Diagnostics.Process.Start*</c>,
    /// and <c>ProcessEntry.Guard()</c>.
    /// </summary>
    internal sealed class ProcessApis
    {
        private ProcessApis(Compilation compilation, INamedTypeSymbol processTarget, INamedTypeSymbol? processEntry)
        {
            ProcessTargetAttribute = processTarget;
            ProcessEntry = processEntry;
            CreatesProcessAttribute = compilation.GetBestTypeByMetadataName(KnownNames.CreatesProcessAttribute);
            Process = compilation.GetBestTypeByMetadataName("System.Diagnostics.Process");
            ModuleInitializerAttribute = compilation.GetBestTypeByMetadataName("System.Runtime.CompilerServices.ModuleInitializerAttribute");
            ChildProcess = compilation.GetBestTypeByMetadataName(KnownNames.ChildProcess);
            ProcessPool = compilation.GetBestTypeByMetadataName(KnownNames.ProcessPool);
            ProcessOptions = compilation.GetBestTypeByMetadataName(KnownNames.ProcessOptions);
        }

        public INamedTypeSymbol ProcessTargetAttribute { get; }

        public INamedTypeSymbol? ProcessEntry { get; }

        public INamedTypeSymbol? CreatesProcessAttribute { get; }

        public INamedTypeSymbol? Process { get; }

        public INamedTypeSymbol? ModuleInitializerAttribute { get; }

        public INamedTypeSymbol? ChildProcess { get; }

        public INamedTypeSymbol? ProcessPool { get; }

        public INamedTypeSymbol? ProcessOptions { get; }

        /// <summary>The symbols of <paramref name="compilation"/>, or <see langword="null"/> when it does not reference the runtime.</summary>
        public static ProcessApis? TryCreate(Compilation compilation)
        {
            var processTarget = compilation.GetBestTypeByMetadataName(KnownNames.ProcessTargetAttribute);
            return processTarget is null ? null : new ProcessApis(compilation, processTarget, compilation.GetBestTypeByMetadataName(KnownNames.ProcessEntry));
        }

        /// <summary>Whether calling <paramref name="method"/> starts a process.</summary>
        public bool CreatesProcess(IMethodSymbol method)
        {
            if (CreatesProcessAttribute is not null &&
                (method.HasAttribute(CreatesProcessAttribute) || (!ReferenceEquals(method, method.OriginalDefinition) && method.OriginalDefinition.HasAttribute(CreatesProcessAttribute))))
            {
                return true;
            }

            return Process is not null &&
                method.MethodKind == MethodKind.Ordinary &&
                method.Name == "Start" &&
                SymbolEqualityComparer.Default.Equals(method.ContainingType, Process);
        }

        /// <summary>Whether <paramref name="method"/> is <c>ProcessEntry.Guard()</c>.</summary>
        public bool IsGuard(IMethodSymbol method) =>
            ProcessEntry is not null &&
            method.IsStatic &&
            method.Parameters.IsEmpty &&
            method.Name == KnownNames.GuardMethod &&
            SymbolEqualityComparer.Default.Equals(method.ContainingType, ProcessEntry);

        /// <summary>Whether <paramref name="symbol"/> is a method marked <c>[ProcessTarget]</c>.</summary>
        public bool IsProcessTarget(ISymbol? symbol) =>
            symbol is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && method.HasAttribute(ProcessTargetAttribute);

        /// <summary>The process-creating method or constructor an operation calls, if any.</summary>
        public IMethodSymbol? GetProcessCreation(IOperation operation) => operation switch
        {
            IInvocationOperation invocation when CreatesProcess(invocation.TargetMethod) => invocation.TargetMethod,
            IObjectCreationOperation { Constructor: { } constructor } when CreatesProcess(constructor) => constructor,
            _ => null,
        };

        /// <summary>Whether <paramref name="operation"/> sits in a lambda or a local function: code stored for later, not run here.</summary>
        public static bool IsInDeferredCode(IOperation operation) => EnclosingFunction(operation) is not null;

        /// <summary>
        /// Where <paramref name="operation"/> runs, as far as its enclosing body goes: itself; for code in a lambda or a
        /// local function, the call that runs it (invoked on the spot; passed to a method such as <c>Select</c>,
        /// <c>ForEach</c>, <c>Task.Run</c> or <c>Parallel.Invoke</c>; kept in a local variable that is then invoked or
        /// passed on; given to an object that is run at once, <c>new Thread(...).Start()</c>), the first such call when
        /// there are several. <see langword="null"/> when the code is only stored for later: a lambda assigned to a field
        /// or event, or handed to a constructor (<c>new Lazy&lt;T&gt;(...)</c> not read there), or a local function
        /// nobody runs there.
        /// </summary>
        public static IOperation? RunsAt(IOperation operation) => RunsAt(operation, depth: 0);

        private static IOperation? RunsAt(IOperation operation, int depth)
        {
            if (depth > 4)
            {
                return null;   // functions handing on functions: enough
            }

            for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation lambda:
                        return lambda.Parent is IDelegateCreationOperation creation ? DelegateRunsAt(creation, depth) : null;

                    case ILocalFunctionOperation local:
                        IOperation? first = null;
                        foreach (var use in Root(local).Descendants())
                        {
                            var runs = use switch
                            {
                                IInvocationOperation call when SymbolEqualityComparer.Default.Equals(call.TargetMethod, local.Symbol) => RunsAt(call, depth + 1),
                                IMethodReferenceOperation { Parent: IDelegateCreationOperation group } reference
                                    when SymbolEqualityComparer.Default.Equals(reference.Method, local.Symbol) => DelegateRunsAt(group, depth + 1),
                                _ => null,
                            };
                            first = Earlier(first, runs);
                        }

                        return first;
                }
            }

            return operation;
        }

        /// <summary>
        /// Where a delegate value runs (see <see cref="RunsAt(IOperation)"/>): a lambda or method group made into a
        /// delegate, or a local that holds one.
        /// </summary>
        private static IOperation? DelegateRunsAt(IOperation value, int depth)
        {
            while (value.Parent is IConversionOperation or IParenthesizedOperation)
            {
                value = value.Parent;
            }

            return value.Parent switch
            {
                IInvocationOperation call when call.Instance == value => RunsAt(call, depth + 1),
                IArgumentOperation { Parent: IInvocationOperation call } => RunsAt(call, depth + 1),
                IArgumentOperation { Parent: IObjectCreationOperation created } => UsedAtOnce(created) is { } use ? RunsAt(use, depth + 1) : null,
                IArrayInitializerOperation { Parent: IArrayCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation call } } } => RunsAt(call, depth + 1),
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => LocalRunsAt(declarator.Symbol, value, depth),
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == value => LocalRunsAt(target.Local, value, depth),
                _ => null,
            };
        }

        /// <summary>
        /// An object made from a delegate and run on the spot: <c>new Thread(...).Start()</c>, <c>new Task(...).RunSynchronously()</c>,
        /// <c>new Lazy&lt;T&gt;(...).Value</c>. Anything else made from a delegate only stores it.
        /// </summary>
        private static IOperation? UsedAtOnce(IObjectCreationOperation created) => created.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => LocalUsedAtOnce(declarator.Symbol, created),
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == created => LocalUsedAtOnce(target.Local, created),
            var parent => RunOn(parent, created),
        };

        /// <summary><c>.Start()</c>, <c>.RunSynchronously()</c>, <c>.Invoke()</c> or <c>.Value</c> on <paramref name="instance"/>, or <see langword="null"/>.</summary>
        private static IOperation? RunOn(IOperation? parent, IOperation instance) => parent switch
        {
            IInvocationOperation { TargetMethod.Name: "Start" or "RunSynchronously" or "Invoke" } call when call.Instance == instance => call,
            IPropertyReferenceOperation { Property.Name: "Value" } value when value.Instance == instance => value,
            _ => null,
        };

        /// <summary>
        /// The object kept in a local first, configured, then run (<c>var t = new Thread(...); t.IsBackground = true; t.Start();</c>):
        /// where the same body first runs it. A use inside a lambda or local function runs when that does, not here.
        /// </summary>
        private static IOperation? LocalUsedAtOnce(ILocalSymbol local, IOperation stored)
        {
            var body = EnclosingFunction(stored);
            IOperation? first = null;
            foreach (var use in Root(stored).Descendants())
            {
                if (use is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) &&
                    EnclosingFunction(use) == body)
                {
                    first = Earlier(first, RunOn(use.Parent, use));
                }
            }

            return first;
        }

        /// <summary>The lambda or local function <paramref name="operation"/> sits in, or <see langword="null"/> for the body itself.</summary>
        private static IOperation? EnclosingFunction(IOperation operation)
        {
            for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return parent;
                }
            }

            return null;
        }

        /// <summary>Where a delegate kept in <paramref name="local"/> first runs: wherever a use of the local runs it.</summary>
        private static IOperation? LocalRunsAt(ILocalSymbol local, IOperation stored, int depth)
        {
            IOperation? first = null;
            foreach (var use in Root(stored).Descendants())
            {
                if (use is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    continue;
                }

                first = Earlier(first, DelegateRunsAt(reference, depth + 1));
            }

            return first;
        }

        /// <summary>The outermost operation of <paramref name="operation"/>'s body.</summary>
        public static IOperation Root(IOperation operation)
        {
            while (operation.Parent is not null)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        private static IOperation? Earlier(IOperation? first, IOperation? other) =>
            other is not null && (first is null || other.Syntax.SpanStart < first.Syntax.SpanStart) ? other : first;
    }
}
