using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Multiprocessing.Analyzers.Rules
{
    /// <summary>
    /// MP0011: a <c>[ProcessTarget]</c> reads a static field or property of this compilation that is neither
    /// <c>const</c> nor <c>readonly</c> and that other code assigns (outside its type's static initialization, the
    /// target's own type's static constructor, module initializers and targets, which all run in the child too; code in
    /// a lambda or local function there runs when it is called, so it gets none of these exemptions). A write through
    /// a <c>ref</c> returned by a member (<c>Slot() = 1</c> where <c>Slot</c> does <c>return ref s_slot;</c>) assigns the
    /// field. The child starts from the initial value, not the parent's.
    /// Reported at the end of the compilation, once every assignment has been seen.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class StaticStateAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.StaticStateIsNotShared);

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

                var state = new CompilationState(apis);
                start.RegisterOperationAction(
                    state.AnalyzeReference, OperationKind.FieldReference, OperationKind.PropertyReference, OperationKind.Invocation);
                start.RegisterOperationAction(state.AnalyzeReturn, OperationKind.Return);
                start.RegisterCompilationEndAction(state.Report);
            });
        }

        private sealed class CompilationState
        {
            /// <summary>The type as the code names it, type arguments included (<c>Outer&lt;int&gt;.Cache&lt;string&gt;</c>), without namespace.</summary>
            private static readonly SymbolDisplayFormat s_typeFormat = new(
                typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
                genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
                miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

            private readonly ProcessApis _apis;

            /// <summary>
            /// Assignments the parent may run, by the member's original definition (<c>Cache&lt;T&gt;.Value</c> written in
            /// <c>Cache&lt;T&gt;.Set</c> is <c>Cache&lt;string&gt;.Value</c> read in a target). An assignment made by the
            /// static constructor or static initializers of another type names that type: a target of that type may see
            /// the value (see <see cref="InitializedBefore"/>), other targets do not.
            /// </summary>
            private readonly ConcurrentDictionary<ISymbol, ConcurrentQueue<Write>> _writes = new(SymbolEqualityComparer.Default);

            /// <summary>
            /// What a ref-returning method (a property's getter included) returns a <c>ref</c> to, by its original
            /// definition: a mutable static field, or another ref-returning method whose result it passes on.
            /// </summary>
            private readonly ConcurrentDictionary<IMethodSymbol, ConcurrentQueue<ISymbol>> _refReturns = new(SymbolEqualityComparer.Default);

            /// <summary>Writes to the result of a ref-returning method; the fields they assign are known at the end.</summary>
            private readonly ConcurrentQueue<(IMethodSymbol Method, ISymbol Containing, bool Deferred)> _writesThroughRef = new();

            /// <summary>Reads inside targets: member, where, which target.</summary>
            private readonly ConcurrentQueue<(ISymbol Member, Location Location, IMethodSymbol Target)> _reads = new();

            public CompilationState(ProcessApis apis) => _apis = apis;

            public void AnalyzeReference(OperationAnalysisContext context)
            {
                var containing = context.ContainingSymbol;
                switch (context.Operation)
                {
                    case IInvocationOperation { TargetMethod: { ReturnsByRef: true } method } call:
                        RecordWriteThroughRef(call, method, containing);
                        return;
                    case IPropertyReferenceOperation { Property: { ReturnsByRef: true, GetMethod: { } getter } } property:
                        RecordWriteThroughRef(property, getter, containing);
                        return;
                    case IInvocationOperation:
                        return;
                }

                var reference = (IMemberReferenceOperation)context.Operation;
                var member = reference.Member;
                if (!IsMutableStatic(member))
                {
                    return;
                }

                var inTarget = _apis.IsProcessTarget(containing);
                var (reads, writes) = Access(reference);
                if (writes && !inTarget)
                {
                    AddWrite(member, containing, ProcessApis.IsInDeferredCode(reference));
                }

                if (reads && inTarget)
                {
                    _reads.Enqueue((member, reference.Syntax.GetLocation(), (IMethodSymbol)containing));
                }
            }

            /// <summary><c>return ref s_field;</c> in a ref-returning method or property: a write to its result writes the field.</summary>
            public void AnalyzeReturn(OperationAnalysisContext context)
            {
                var operation = (IReturnOperation)context.Operation;
                if (operation.ReturnedValue is not { } returned || ReturningMethod(operation, context.ContainingSymbol) is not { ReturnsByRef: true } method)
                {
                    return;
                }

                foreach (var storage in RefTargets(returned))
                {
                    _refReturns.GetOrAdd(method.OriginalDefinition, static _ => new()).Enqueue(storage);
                }
            }

            private void RecordWriteThroughRef(IOperation reference, IMethodSymbol method, ISymbol containing)
            {
                // only source methods return a static of this project (span[i] = ... is a ref-returning indexer too)
                if (method.Locations.Any(static l => l.IsInSource) && Access(reference).Writes && !_apis.IsProcessTarget(containing))
                {
                    _writesThroughRef.Enqueue((method.OriginalDefinition, containing, ProcessApis.IsInDeferredCode(reference)));
                }
            }

            /// <summary>
            /// Records an assignment of <paramref name="member"/> made in <paramref name="containing"/>, unless it runs in
            /// every child too. <paramref name="deferred"/>: made in a lambda or local function, which runs when called
            /// (perhaps by the parent, after the guard), not when the initializer or module initializer around it runs.
            /// </summary>
            private void AddWrite(ISymbol member, ISymbol containing, bool deferred)
            {
                if (!deferred && (RunsInEveryChild(containing) || IsStaticInitializationOf(containing, member.ContainingType)))
                {
                    return;
                }

                var initializer = !deferred && IsStaticInitialization(containing) ? containing.ContainingType : null;
                _writes.GetOrAdd(member.OriginalDefinition, static _ => new()).Enqueue(new Write(member, initializer));
            }

            /// <summary>
            /// Whether <paramref name="type"/>'s static initialization has run when <paramref name="target"/> starts: its own
            /// type, when it has a static constructor (without one, the runtime may initialize the type later, at its first
            /// static field access).
            /// </summary>
            private static bool InitializedBefore(INamedTypeSymbol type, IMethodSymbol target) =>
                SymbolEqualityComparer.Default.Equals(type, target.ContainingType) && type.StaticConstructors.Any(constructor => !constructor.IsImplicitlyDeclared);

            private static bool IsEntryTypeWithStaticConstructor(INamedTypeSymbol type, INamedTypeSymbol? entryType) =>
                SymbolEqualityComparer.Default.Equals(type, entryType) && type.StaticConstructors.Any(constructor => !constructor.IsImplicitlyDeclared);

            /// <summary>A module initializer runs in every process of the program, each child included, before the guard.</summary>
            private bool RunsInEveryChild(ISymbol containing) =>
                containing is IMethodSymbol method && _apis.ModuleInitializerAttribute is { } moduleInitializer && method.HasAttribute(moduleInitializer);

            public void Report(CompilationAnalysisContext context)
            {
                foreach (var (method, containing, deferred) in _writesThroughRef)
                {
                    foreach (var field in FieldsReturnedByRef(method))
                    {
                        AddWrite(field, containing, deferred);
                    }
                }

                // the static constructor of the type holding Main runs before Main, in every child too (MP0007.md)
                var entryType = context.Compilation.GetEntryPoint(context.CancellationToken)?.ContainingType;
                foreach (var (member, location, target) in _reads)
                {
                    if (_writes.TryGetValue(member.OriginalDefinition, out var writes) &&
                        writes.Any(write => MayShareStorage(write.Member, member) &&
                            (write.Initializer is null || !(InitializedBefore(write.Initializer, target) || IsEntryTypeWithStaticConstructor(write.Initializer, entryType)))))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(
                            DiagnosticDescriptors.StaticStateIsNotShared,
                            location,
                            target.Name,
                            member is IFieldSymbol ? "field" : "property",
                            member.ContainingType.ToDisplayString(s_typeFormat) + "." + member.Name));
                    }
                }
            }

            /// <summary>The static fields <paramref name="method"/> may return a <c>ref</c> to, following ref-returning calls it passes on.</summary>
            private List<ISymbol> FieldsReturnedByRef(IMethodSymbol method)
            {
                var fields = new List<ISymbol>();
                var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                var pending = new Stack<IMethodSymbol>();
                pending.Push(method);
                while (pending.Count > 0)
                {
                    var next = pending.Pop();
                    if (!seen.Add(next) || !_refReturns.TryGetValue(next, out var returned))
                    {
                        continue;
                    }

                    foreach (var storage in returned)
                    {
                        if (storage is IMethodSymbol callee)
                        {
                            pending.Push(callee);
                        }
                        else
                        {
                            fields.Add(storage);
                        }
                    }
                }

                return fields;
            }

            /// <summary>The method whose result <paramref name="operation"/> returns: a local function's own, none in a lambda.</summary>
            private static IMethodSymbol? ReturningMethod(IOperation operation, ISymbol containing)
            {
                for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
                {
                    switch (parent)
                    {
                        case IAnonymousFunctionOperation:
                            return null;
                        case ILocalFunctionOperation local:
                            return local.Symbol;
                    }
                }

                return containing switch
                {
                    IMethodSymbol method => method,
                    IPropertySymbol property => property.GetMethod,
                    _ => null,
                };
            }

            /// <summary>
            /// The storage a returned <c>ref</c> designates: a mutable static field (a member of a static struct is part of
            /// it), the ref-returning method whose result is passed on, or both arms of a <c>ref</c> conditional.
            /// </summary>
            private static IEnumerable<ISymbol> RefTargets(IOperation returned)
            {
                while (returned is IMemberReferenceOperation { Instance: { Type.IsValueType: true } instance })
                {
                    returned = instance;   // return ref s_limits.Max
                }

                switch (returned)
                {
                    case IConditionalOperation { IsRef: true, WhenFalse: { } whenFalse } conditional:
                        return RefTargets(conditional.WhenTrue).Concat(RefTargets(whenFalse));
                    case IFieldReferenceOperation { Field: var field } when IsMutableStatic(field):
                        return new[] { field };
                    case IInvocationOperation { TargetMethod: { ReturnsByRef: true } callee }:
                        return new[] { callee.OriginalDefinition };
                    case IPropertyReferenceOperation { Property: { ReturnsByRef: true, GetMethod: { } getter } }:
                        return new[] { getter.OriginalDefinition };
                    default:
                        return Enumerable.Empty<ISymbol>();
                }
            }

            /// <summary>
            /// Whether two references to the same static member may name the same storage: each constructed type has its
            /// own statics (<c>Cache&lt;int&gt;.Value</c> is not <c>Cache&lt;string&gt;.Value</c>), but code inside the generic
            /// type (<c>Cache&lt;T&gt;.Value</c>) names every one of them.
            /// </summary>
            private static bool MayShareStorage(ISymbol write, ISymbol read) =>
                SymbolEqualityComparer.Default.Equals(write, read) || IsOpen(write.ContainingType) || IsOpen(read.ContainingType);

            private static bool IsOpen(ITypeSymbol? type) => type switch
            {
                ITypeParameterSymbol => true,
                IArrayTypeSymbol array => IsOpen(array.ElementType),
                IPointerTypeSymbol pointer => IsOpen(pointer.PointedAtType),
                INamedTypeSymbol named => named.TypeArguments.Any(IsOpen) || IsOpen(named.ContainingType),
                _ => false,
            };

            /// <summary>A static field that is not const or readonly, or a static property with a setter, declared in source.</summary>
            private static bool IsMutableStatic(ISymbol member) => member switch
            {
                IFieldSymbol { IsStatic: true, IsConst: false, IsReadOnly: false } field => field.Locations.Length > 0 && field.Locations[0].IsInSource,
                IPropertySymbol { IsStatic: true, SetMethod: not null } property => property.Locations.Length > 0 && property.Locations[0].IsInSource,
                _ => false,
            };

            private static bool IsStaticInitializationOf(ISymbol containing, INamedTypeSymbol type) =>
                SymbolEqualityComparer.Default.Equals(containing.ContainingType, type.OriginalDefinition) && IsStaticInitialization(containing);

            private static bool IsStaticInitialization(ISymbol containing) =>
                containing is IMethodSymbol { MethodKind: MethodKind.StaticConstructor } or IFieldSymbol { IsStatic: true } or IPropertySymbol { IsStatic: true };

            /// <summary>
            /// Whether the reference reads the member's value and whether it writes it: <c>s += 1</c>, <c>s++</c> and a
            /// <c>ref</c> argument (<c>Interlocked.Add(ref s, 1)</c>) do both; <c>nameof(s)</c> does neither.
            /// </summary>
            private static (bool Reads, bool Writes) Access(IOperation reference)
            {
                var parent = reference.Parent;
                while (parent is ITupleOperation ||
                       parent is IMemberReferenceOperation { Instance: { Type.IsValueType: true } instance } && instance == reference)
                {
                    reference = parent;
                    parent = parent.Parent;   // (a, s_b) = ..., and s_limits.Max = ... (a member of a static struct)
                }

                for (var outer = parent; outer is not null; outer = outer.Parent)
                {
                    if (outer is INameOfOperation)
                    {
                        return (false, false);
                    }
                }

                return parent switch
                {
                    ISimpleAssignmentOperation or IDeconstructionAssignmentOperation when ((IAssignmentOperation)parent).Target == reference => (false, true),
                    IAssignmentOperation assignment when assignment.Target == reference => (true, true),
                    IIncrementOrDecrementOperation => (true, true),
                    IArgumentOperation { Parameter.RefKind: RefKind.Out } => (false, true),
                    IArgumentOperation { Parameter.RefKind: RefKind.Ref } => (true, true),
                    IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.RefKind: RefKind.Ref } } => (true, true),   // ref var r = ref s; r = 1;
                    _ => (true, false),
                };
            }

            /// <summary>An assignment of a static: the member as written, and the type whose static initialization made it.</summary>
            private sealed class Write
            {
                public Write(ISymbol member, INamedTypeSymbol? initializer)
                {
                    Member = member;
                    Initializer = initializer;
                }

                public ISymbol Member { get; }

                public INamedTypeSymbol? Initializer { get; }
            }
        }
    }
}
