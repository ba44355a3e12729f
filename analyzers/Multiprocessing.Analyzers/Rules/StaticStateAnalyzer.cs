using System.Collections.Concurrent;
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
    /// target's own type's static constructor, module initializers and targets, which all run in the child too). The
    /// child starts from the initial value, not the parent's.
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
                start.RegisterOperationAction(state.AnalyzeReference, OperationKind.FieldReference, OperationKind.PropertyReference);
                start.RegisterCompilationEndAction(state.Report);
            });
        }

        private sealed class CompilationState
        {
            private readonly ProcessApis _apis;

            /// <summary>Static members assigned by code the parent may run.</summary>
            private readonly ConcurrentDictionary<ISymbol, byte> _assigned = new(SymbolEqualityComparer.Default);

            /// <summary>
            /// Static members assigned by the static constructor or static initializers of another type: a target of that
            /// type may see the value (see <see cref="InitializedBefore"/>), other targets do not.
            /// </summary>
            private readonly ConcurrentDictionary<ISymbol, ConcurrentDictionary<INamedTypeSymbol, byte>> _assignedByTypeInitializers = new(SymbolEqualityComparer.Default);

            /// <summary>Reads inside targets: member, where, which target.</summary>
            private readonly ConcurrentQueue<(ISymbol Member, Location Location, IMethodSymbol Target)> _reads = new();

            public CompilationState(ProcessApis apis) => _apis = apis;

            public void AnalyzeReference(OperationAnalysisContext context)
            {
                var reference = (IMemberReferenceOperation)context.Operation;
                var member = reference.Member;
                if (!IsMutableStatic(member))
                {
                    return;
                }

                var containing = context.ContainingSymbol;
                var inTarget = _apis.IsProcessTarget(containing);
                var (reads, writes) = Access(reference);
                if (writes && !inTarget && !RunsInEveryChild(containing) && !IsStaticInitializationOf(containing, member.ContainingType))
                {
                    if (IsStaticInitialization(containing))
                    {
                        _assignedByTypeInitializers.GetOrAdd(member, static _ => new(SymbolEqualityComparer.Default)).TryAdd(containing.ContainingType, 0);
                    }
                    else
                    {
                        _assigned.TryAdd(member, 0);
                    }
                }

                if (reads && inTarget)
                {
                    _reads.Enqueue((member, reference.Syntax.GetLocation(), (IMethodSymbol)containing));
                }
            }

            /// <summary>
            /// Whether <paramref name="type"/>'s static initialization has run when <paramref name="target"/> starts: its own
            /// type, when it has a static constructor (without one, the runtime may initialize the type later, at its first
            /// static field access).
            /// </summary>
            private static bool InitializedBefore(INamedTypeSymbol type, IMethodSymbol target) =>
                SymbolEqualityComparer.Default.Equals(type, target.ContainingType) && type.StaticConstructors.Any(constructor => !constructor.IsImplicitlyDeclared);

            /// <summary>A module initializer runs in every process of the program, each child included, before the guard.</summary>
            private bool RunsInEveryChild(ISymbol containing) =>
                containing is IMethodSymbol method && _apis.ModuleInitializerAttribute is { } moduleInitializer && method.HasAttribute(moduleInitializer);

            public void Report(CompilationAnalysisContext context)
            {
                foreach (var (member, location, target) in _reads)
                {
                    if (_assigned.ContainsKey(member) ||
                        _assignedByTypeInitializers.TryGetValue(member, out var types) && types.Keys.Any(type => !InitializedBefore(type, target)))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(
                            DiagnosticDescriptors.StaticStateIsNotShared,
                            location,
                            target.Name,
                            member is IFieldSymbol ? "field" : "property",
                            member.ContainingType.Name + "." + member.Name));
                    }
                }
            }

            /// <summary>A static field that is not const or readonly, or a static property with a setter, declared in source.</summary>
            private static bool IsMutableStatic(ISymbol member) => member switch
            {
                IFieldSymbol { IsStatic: true, IsConst: false, IsReadOnly: false } field => field.Locations.Length > 0 && field.Locations[0].IsInSource,
                IPropertySymbol { IsStatic: true, SetMethod: not null } property => property.Locations.Length > 0 && property.Locations[0].IsInSource,
                _ => false,
            };

            private static bool IsStaticInitializationOf(ISymbol containing, INamedTypeSymbol type) =>
                SymbolEqualityComparer.Default.Equals(containing.ContainingType, type) && IsStaticInitialization(containing);

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
        }
    }
}
