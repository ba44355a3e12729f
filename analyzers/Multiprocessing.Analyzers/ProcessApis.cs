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
        public static bool IsInDeferredCode(IOperation operation)
        {
            for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Where <paramref name="operation"/> runs, as far as its enclosing body goes: itself; for code in a lambda, the call
        /// that runs the lambda at once (the lambda invoked on the spot, or passed to a method such as <c>Select</c>,
        /// <c>ForEach</c> or <c>Task.Run</c>); for code in a local function, its first call that runs. <see langword="null"/>
        /// when the code is only stored for later: a lambda assigned to a field, variable or event, or handed to a
        /// constructor (<c>new Lazy&lt;T&gt;(...)</c>), or a local function nobody calls there.
        /// </summary>
        public static IOperation? RunsAt(IOperation operation) => RunsAt(operation, depth: 0);

        private static IOperation? RunsAt(IOperation operation, int depth)
        {
            var site = operation;
            for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                switch (parent)
                {
                    case IAnonymousFunctionOperation lambda:
                        var conversion = lambda.Parent is IDelegateCreationOperation creation ? creation : null;
                        IOperation? caller = conversion?.Parent switch
                        {
                            IInvocationOperation invocation when invocation.Instance == conversion => invocation,
                            IArgumentOperation { Parent: IInvocationOperation invocation } => invocation,
                            _ => null,
                        };
                        if (caller is null)
                        {
                            return null;
                        }

                        site = parent = caller;
                        break;

                    case ILocalFunctionOperation local:
                        if (depth > 4)
                        {
                            return null;   // local functions calling local functions: enough
                        }

                        IOperation body = local;
                        while (body.Parent is not null)
                        {
                            body = body.Parent;
                        }

                        IOperation? first = null;
                        foreach (var call in body.Descendants())
                        {
                            if (call is IInvocationOperation invocation &&
                                SymbolEqualityComparer.Default.Equals(invocation.TargetMethod, local.Symbol) &&
                                RunsAt(invocation, depth + 1) is { } runs &&
                                (first is null || runs.Syntax.SpanStart < first.Syntax.SpanStart))
                            {
                                first = runs;
                            }
                        }

                        return first;
                }
            }

            return site;
        }
    }
}
