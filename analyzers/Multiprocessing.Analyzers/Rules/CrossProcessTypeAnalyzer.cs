using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Multiprocessing.SourceGeneration;

namespace Multiprocessing.Analyzers.Rules
{
    /// <summary>
    /// MP0004: a parameter or result type of a <c>[ProcessTarget]</c> that the serializer (MemoryPack) cannot carry
    /// to another process. Walks the type as the serializer will (arrays, known collections, tuples, nullable values,
    /// the serialized members of <c>[MemoryPackable]</c> types) and names the member path that fails. Conservative:
    /// a type it does not know from a referenced assembly is assumed to have a formatter.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class CrossProcessTypeAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: the metadata name of a source type that only lacks <c>[MemoryPackable]</c>.</summary>
        public const string FixableTypeProperty = "FixableType";

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.TypeCannotCrossProcessBoundary);

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
                    return;
                }

                var catalog = new TypeCatalog(start.Compilation);
                start.RegisterSymbolAction(c => AnalyzeMethod(c, processTarget, catalog), SymbolKind.Method);
            });
        }

        private static void AnalyzeMethod(SymbolAnalysisContext context, INamedTypeSymbol processTarget, TypeCatalog catalog)
        {
            var method = (IMethodSymbol)context.Symbol;
            if (!method.HasAttribute(processTarget) || !ProcessTargetRules.IsStaticMethod(method) || method.IsGenericMethod)
            {
                return;
            }

            foreach (var parameter in method.Parameters)
            {
                if (ProcessTargetRules.GetUnsupportedShape(parameter) != UnsupportedShape.None || parameter.Locations.IsEmpty)
                {
                    continue;   // MP0003 says why
                }

                if (catalog.IsCancellationToken(parameter.Type))
                {
                    continue;   // not serialized: the child gets a token that the parent's token cancels
                }

                var failure = catalog.Check(parameter.Type, context.CancellationToken);
                if (failure is not null)
                {
                    Report(context, parameter.Locations[0], $"Parameter '{parameter.Name}'", method, failure);
                }
            }

            var result = catalog.UnwrapResult(method);
            if (result is not null && !result.IsRefLikeType && result.TypeKind is not (TypeKind.Pointer or TypeKind.FunctionPointer))
            {
                var failure = catalog.Check(result, context.CancellationToken);
                if (failure is not null)
                {
                    Report(context, ReturnTypeLocation(method, context.CancellationToken), "The result", method, failure);
                }
            }
        }

        private static void Report(SymbolAnalysisContext context, Location location, string what, IMethodSymbol method, Failure failure)
        {
            var properties = ImmutableDictionary<string, string?>.Empty;
            var additional = Enumerable.Empty<Location>();
            if (failure.FixableType is { } fixable && fixable.Locations.FirstOrDefault(l => l.IsInSource) is { } typeLocation)
            {
                properties = properties.Add(FixableTypeProperty, fixable.ToDisplayString());
                additional = new[] { typeLocation };
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.TypeCannotCrossProcessBoundary,
                location,
                additional,
                properties,
                what,
                method.Name,
                $"'{failure.Path}' {failure.Reason}"));
        }

        private static Location ReturnTypeLocation(IMethodSymbol method, CancellationToken cancellationToken)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration)
                {
                    return declaration.ReturnType.GetLocation();
                }
            }

            return method.Locations[0];
        }

        /// <summary>Why a type cannot cross, where (the member path), and the source type a code fix can mark.</summary>
        internal sealed class Failure
        {
            public Failure(string path, string reason, INamedTypeSymbol? fixableType = null)
            {
                Path = path;
                Reason = reason;
                FixableType = fixableType;
            }

            public string Path { get; }

            public string Reason { get; }

            public INamedTypeSymbol? FixableType { get; }
        }

        /// <summary>The types the walk needs, resolved once per compilation.</summary>
        internal sealed class TypeCatalog
        {
            private static readonly string[] s_liveTypeNames =
            {
                "System.IO.Stream", "System.IO.TextReader", "System.IO.TextWriter", "System.IO.FileSystemInfo",
                "System.Threading.Thread", "System.Threading.Tasks.Task", "System.Threading.Tasks.ValueTask", "System.Threading.Tasks.ValueTask`1",
                "System.Threading.CancellationToken", "System.Threading.CancellationTokenSource", "System.Threading.WaitHandle",
                "System.Threading.Timer", "System.Threading.SemaphoreSlim", "System.Threading.Lock",
                "System.Threading.ManualResetEventSlim", "System.Threading.CountdownEvent", "System.Threading.Barrier",
                "System.Threading.ReaderWriterLockSlim", "System.Threading.Tasks.TaskCompletionSource",
                "System.Threading.Tasks.TaskCompletionSource`1", "System.Threading.Tasks.TaskScheduler",
                "System.Threading.SynchronizationContext", "System.Threading.ExecutionContext",
                "System.IO.FileSystemWatcher", "System.IO.MemoryMappedFiles.MemoryMappedFile",
                "System.IO.MemoryMappedFiles.MemoryMappedViewAccessor", "System.Runtime.Loader.AssemblyLoadContext",
                "System.Runtime.InteropServices.SafeHandle", "System.Runtime.InteropServices.CriticalHandle",
                "System.Runtime.InteropServices.HandleRef", "System.Runtime.InteropServices.GCHandle",
                "System.Net.Sockets.Socket", "System.Net.Sockets.TcpClient", "System.Net.Sockets.TcpListener", "System.Net.Sockets.UdpClient",
                "System.Net.Http.HttpClient", "System.Net.Http.HttpMessageInvoker", "System.Net.Http.HttpContent",
                "System.Net.Http.HttpResponseMessage", "System.Net.WebSockets.WebSocket", "System.Data.Common.DbConnection",
                "System.Data.Common.DbCommand", "System.Data.Common.DbDataReader", "System.Data.Common.DbTransaction",
                "System.Diagnostics.Process", "System.Reflection.MemberInfo", "System.Reflection.Assembly", "System.AppDomain",
                "System.Threading.Channels.Channel`1", "System.Threading.Channels.ChannelReader`1", "System.Threading.Channels.ChannelWriter`1",
                // MemoryPack copies its items, but a producer/consumer queue that the child gets a copy of is not shared
                "System.Collections.Concurrent.BlockingCollection`1",
                KnownNames.ChildProcess, "Multiprocessing.ProcessTarget", KnownNames.ProcessPool,
            };

            /// <summary>Types MemoryPack has a built-in formatter for that are neither primitives nor unmanaged.</summary>
            private static readonly HashSet<string> s_knownFormatted = new()
            {
                "System.Guid", "System.TimeSpan", "System.DateTimeOffset", "System.DateOnly", "System.TimeOnly", "System.Half",
                "System.Int128", "System.UInt128", "System.Numerics.BigInteger", "System.Numerics.Complex", "System.Uri", "System.Version",
                "System.Text.StringBuilder", "System.Collections.BitArray", "System.Globalization.CultureInfo", "System.TimeZoneInfo",
                "System.Type", "System.Text.Rune", "System.Index", "System.Range",
            };

            /// <summary>
            /// Generic types MemoryPack ships a formatter for: the tables of its <c>MemoryPackFormatterProvider</c> (1.21),
            /// kept equal to the generator's list (<c>SerializerContracts</c>), which registers them for NativeAOT.
            /// </summary>
            private static readonly Dictionary<string, HashSet<string>> s_knownGenerics = new()
            {
                ["System"] = new() { "Nullable", "Tuple", "ValueTuple", "Lazy", "Memory", "ReadOnlyMemory", "ArraySegment" },
                ["System.Buffers"] = new() { "ReadOnlySequence" },
                ["System.Collections.Generic"] = new()
                {
                    "List", "Dictionary", "HashSet", "Queue", "Stack", "LinkedList", "SortedSet", "SortedDictionary", "SortedList",
                    "KeyValuePair", "PriorityQueue", "IEnumerable", "ICollection", "IReadOnlyCollection", "IList", "IReadOnlyList",
                    "IDictionary", "IReadOnlyDictionary", "ISet", "IReadOnlySet",
                },
                ["System.Linq"] = new() { "ILookup", "IGrouping" },
                ["System.Collections.Concurrent"] = new()
                {
                    "ConcurrentDictionary", "ConcurrentQueue", "ConcurrentBag", "ConcurrentStack", "BlockingCollection",
                },
                ["System.Collections.Immutable"] = new()
                {
                    "ImmutableArray", "ImmutableList", "ImmutableDictionary", "ImmutableHashSet", "ImmutableQueue", "ImmutableStack",
                    "ImmutableSortedDictionary", "ImmutableSortedSet", "IImmutableList", "IImmutableDictionary", "IImmutableSet",
                    "IImmutableQueue", "IImmutableStack",
                },
                ["System.Collections.ObjectModel"] = new() { "Collection", "ReadOnlyCollection", "ObservableCollection", "ReadOnlyObservableCollection" },
                ["System.Collections.Frozen"] = new() { "FrozenDictionary", "FrozenSet" },
            };

            private readonly INamedTypeSymbol[] _liveTypes;
            private readonly INamedTypeSymbol? _task;
            private readonly INamedTypeSymbol? _cancellationToken;
            private readonly INamedTypeSymbol? _taskOfT;
            private readonly INamedTypeSymbol? _valueTask;
            private readonly INamedTypeSymbol? _valueTaskOfT;

            public TypeCatalog(Compilation compilation)
            {
                Compilation = compilation;
                _liveTypes = s_liveTypeNames.Select(compilation.GetBestTypeByMetadataName).Where(t => t is not null).ToArray()!;
                _task = compilation.GetBestTypeByMetadataName("System.Threading.Tasks.Task");
                _cancellationToken = compilation.GetBestTypeByMetadataName("System.Threading.CancellationToken");
                _taskOfT = compilation.GetBestTypeByMetadataName("System.Threading.Tasks.Task`1");
                _valueTask = compilation.GetBestTypeByMetadataName("System.Threading.Tasks.ValueTask");
                _valueTaskOfT = compilation.GetBestTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
                MemoryPackable = compilation.GetBestTypeByMetadataName(KnownNames.MemoryPackableAttribute);
                MemoryPackIgnore = compilation.GetBestTypeByMetadataName(KnownNames.MemoryPackIgnoreAttribute);
                MemoryPackInclude = compilation.GetBestTypeByMetadataName(KnownNames.MemoryPackIncludeAttribute);
                FormatterRegister = compilation.GetBestTypeByMetadataName(KnownNames.MemoryPackFormatterRegister);
            }

            public Compilation Compilation { get; }

            /// <summary>Walk results by type: many targets share their parameter types, so each type is walked once.</summary>
            private readonly System.Collections.Concurrent.ConcurrentDictionary<ITypeSymbol, Failure[]> _results = new(SymbolEqualityComparer.IncludeNullability);

            /// <summary>Why <paramref name="type"/> cannot cross, or <see langword="null"/>; cached per compilation.</summary>
            public Failure? Check(ITypeSymbol type, CancellationToken cancellationToken)
            {
                if (!_results.TryGetValue(type, out var result))
                {
                    var failure = new TypeWalker(this, cancellationToken).Check(type);
                    result = _results.GetOrAdd(type, failure is null ? System.Array.Empty<Failure>() : new[] { failure });
                }

                return result.Length == 0 ? null : result[0];
            }

            public INamedTypeSymbol? MemoryPackable { get; }

            public INamedTypeSymbol? MemoryPackIgnore { get; }

            public INamedTypeSymbol? MemoryPackInclude { get; }

            public INamedTypeSymbol? FormatterRegister { get; }

            /// <summary>The type that crosses back: <c>T</c> of <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c>, nothing for <c>void</c>/<c>Task</c>.</summary>
            public ITypeSymbol? UnwrapResult(IMethodSymbol method)
            {
                var type = method.ReturnType;
                if (method.ReturnsVoid || Is(type, _task) || Is(type, _valueTask))
                {
                    return null;
                }

                if (type is INamedTypeSymbol { IsGenericType: true } generic &&
                    (Is(generic.OriginalDefinition, _taskOfT) || Is(generic.OriginalDefinition, _valueTaskOfT)))
                {
                    return generic.TypeArguments[0];
                }

                return type;
            }

            /// <summary>Whether <paramref name="type"/> is <c>CancellationToken</c>, which a target may take as a parameter.</summary>
            public bool IsCancellationToken(ITypeSymbol type) => Is(type, _cancellationToken);

            /// <summary>A resource that exists only inside this process (a stream, a thread, a handle...), or <see langword="null"/>.</summary>
            public INamedTypeSymbol? FindLiveType(ITypeSymbol type)
            {
                for (var t = type as INamedTypeSymbol; t is not null; t = t.BaseType)
                {
                    var definition = t.OriginalDefinition;
                    foreach (var live in _liveTypes)
                    {
                        if (Is(definition, live))
                        {
                            return live;
                        }
                    }
                }

                return null;
            }

            public static bool IsKnownFormatted(INamedTypeSymbol type) => s_knownFormatted.Contains(MetadataName(type));

            /// <summary>Whether <paramref name="type"/> is a generic collection, tuple or wrapper MemoryPack knows.</summary>
            public static bool IsKnownGeneric(INamedTypeSymbol type)
            {
                var definition = type.OriginalDefinition;
                return definition.ContainingNamespace is { } ns &&
                    s_knownGenerics.TryGetValue(ns.ToDisplayString(), out var names) &&
                    names.Contains(definition.Name);
            }

            public bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute) => attribute is not null && symbol.HasAttribute(attribute);

            private static string MetadataName(INamedTypeSymbol type) =>
                type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + type.MetadataName : type.MetadataName;

            private static bool Is(ITypeSymbol type, INamedTypeSymbol? other) =>
                other is not null && SymbolEqualityComparer.Default.Equals(type, other);
        }

        /// <summary>One walk over a parameter or result type; remembers the types it has entered (cycles).</summary>
        internal sealed class TypeWalker
        {
            private static readonly SymbolDisplayFormat s_display = SymbolDisplayFormat.MinimallyQualifiedFormat
                .RemoveMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

            private readonly TypeCatalog _catalog;
            private readonly CancellationToken _cancellationToken;
            private readonly HashSet<ITypeSymbol> _entered = new(SymbolEqualityComparer.Default);
            private readonly Dictionary<ITypeSymbol, int> _instantiations = new(SymbolEqualityComparer.Default);

            // Envelope<int> and Envelope<Stream> are different walks; a type that nests itself with growing type
            // arguments (Node<T> holding a Node<List<T>>) would never end, so each generic type is walked a few times only.
            private const int MaxInstantiationsWalked = 8;

            public TypeWalker(TypeCatalog catalog, CancellationToken cancellationToken)
            {
                _catalog = catalog;
                _cancellationToken = cancellationToken;
            }

            public Failure? Check(ITypeSymbol type) => Walk(type, type.ToDisplayString(s_display));

            private Failure? Walk(ITypeSymbol type, string path)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                switch (type)
                {
                    case IErrorTypeSymbol or ITypeParameterSymbol:
                        return null;   // the compiler reports it, or a generic context the generator rejects
                    case IDynamicTypeSymbol:
                        return new Failure(path, "is 'dynamic', which has no serializer contract; use a concrete type");
                    case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                        return new Failure(path, "is a pointer: an address means nothing in another process");
                    case IArrayTypeSymbol array:
                        return array.Rank > 4
                            ? new Failure(path, $"is an array of rank {array.Rank}; the serializer handles ranks 1 to 4")
                            : Walk(array.ElementType, path + "[]");
                    case INamedTypeSymbol named:
                        return WalkNamed(named, path);
                    default:
                        return null;
                }
            }

            private Failure? WalkNamed(INamedTypeSymbol type, string path)
            {
                switch (type.SpecialType)
                {
                    case SpecialType.System_Object or SpecialType.System_ValueType or SpecialType.System_Enum or SpecialType.System_Array:
                        return new Failure(path, $"is '{type.ToDisplayString(s_display)}': the serializer writes no type names, so it cannot tell what to create in the child; use a concrete type");
                    case SpecialType.System_Delegate or SpecialType.System_MulticastDelegate:
                        return Delegate(path);
                    case SpecialType.System_Collections_IEnumerable or SpecialType.System_Collections_IEnumerator:
                        return Interface(type, path);
                    case not SpecialType.None:
                        return null;   // primitives, string, decimal, DateTime, nint...
                }

                if (type.TypeKind == TypeKind.Enum)
                {
                    return null;
                }

                if (type.TypeKind == TypeKind.Delegate)
                {
                    return Delegate(path);
                }

                if (type.IsRefLikeType)
                {
                    return new Failure(path, $"is a ref struct ('{type.ToDisplayString(s_display)}'), which cannot be stored or serialized; use an array");
                }

                if (_catalog.FormatterRegister is { } ownFormatter && !_catalog.HasAttribute(type, _catalog.MemoryPackable) &&
                    type.Interfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, ownFormatter)))
                {
                    // A type with its own formatter crosses as its author decided (a ProcessQueue<T> travels by name,
                    // even though it is a Channel<T>); what it carries must cross too. Declared on the type itself: a
                    // class derived from one has no formatter of its own (nor does one derived from a [MemoryPackable]
                    // type, whose attribute is not inherited).
                    return type.IsGenericType ? WalkTypeArguments(type, path) : null;
                }

                if (_catalog.FindLiveType(type) is { } live)
                {
                    return new Failure(path, $"is a {live.Name.Split('`')[0]}, which exists only inside this process (a live resource, not data); pass the data it stands for instead");
                }

                if (type.IsTupleType)
                {
                    foreach (var element in type.TupleElements)
                    {
                        var failure = Walk(element.Type, path + "." + element.Name);
                        if (failure is not null)
                        {
                            return failure;
                        }
                    }

                    return null;
                }

                if (type.IsGenericType && TypeCatalog.IsKnownGeneric(type))
                {
                    return WalkTypeArguments(type, path);
                }

                if (TypeCatalog.IsKnownFormatted(type))
                {
                    return null;
                }

                if (_catalog.HasAttribute(type, _catalog.MemoryPackable))
                {
                    return WalkMembers(type, path);
                }

                if (type.TypeKind == TypeKind.Struct && type.IsUnmanagedType)
                {
                    return null;   // copied as raw bytes
                }

                if (type.TypeKind == TypeKind.Interface)
                {
                    return Interface(type, path);
                }

                if (!IsInSource(type))
                {
                    return null;   // a type from a referenced assembly: it may have a registered formatter; be quiet
                }

                if (type.IsAbstract)
                {
                    return new Failure(path, $"is of abstract type '{type.ToDisplayString(s_display)}', which has no serializer contract; mark it and its derived types as a [MemoryPackable] union, or use a concrete type");
                }

                if (type.IsStatic || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
                {
                    return null;
                }

                return new Failure(
                    path,
                    $"is of type '{type.ToDisplayString(s_display)}', which has no serializer contract; mark it [MemoryPackable] and partial",
                    type.OriginalDefinition);
            }

            private Failure? WalkTypeArguments(INamedTypeSymbol type, string path)
            {
                var arguments = type.TypeArguments;
                var isPair = arguments.Length == 2;
                for (var i = 0; i < arguments.Length; i++)
                {
                    var segment = type.OriginalDefinition.Name switch
                    {
                        "Nullable" => "",
                        "Tuple" => ".Item" + (i + 1),
                        "Lazy" => ".Value",
                        _ => isPair ? (i == 0 ? ".Key" : ".Value") : "[]",
                    };
                    var failure = Walk(arguments[i], path + segment);
                    if (failure is not null)
                    {
                        return failure;
                    }
                }

                return null;
            }

            /// <summary>A <c>[MemoryPackable]</c> type: its serialized members, as MemoryPack chooses them.</summary>
            private Failure? WalkMembers(INamedTypeSymbol type, string path)
            {
                if (!_entered.Add(type) || !IsInSource(type) || type.IsAbstract || type.TypeKind == TypeKind.Interface)
                {
                    return null;   // seen already, compiled elsewhere, or a union whose cases MemoryPack checks itself
                }

                if (type.IsGenericType)
                {
                    _instantiations.TryGetValue(type.OriginalDefinition, out var walked);
                    if (walked >= MaxInstantiationsWalked)
                    {
                        return null;
                    }

                    _instantiations[type.OriginalDefinition] = walked + 1;
                }

                for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object && IsInSource(t); t = t.BaseType)
                {
                    foreach (var member in t.GetMembers())
                    {
                        var memberType = SerializedType(member);
                        if (memberType is null)
                        {
                            continue;
                        }

                        var failure = Walk(memberType, path + "." + member.Name);
                        if (failure is not null)
                        {
                            return failure;
                        }
                    }
                }

                return null;
            }

            /// <summary>
            /// The type of <paramref name="member"/> when MemoryPack serializes it: public instance fields and
            /// properties (get-only ones too), or any one marked <c>[MemoryPackInclude]</c>, minus
            /// <c>[MemoryPackIgnore]</c>; never indexers, constants or compiler-generated backing fields.
            /// </summary>
            private ITypeSymbol? SerializedType(ISymbol member)
            {
                if (member.IsStatic || member.IsImplicitlyDeclared || _catalog.HasAttribute(member, _catalog.MemoryPackIgnore))
                {
                    return null;
                }

                var included = member.DeclaredAccessibility == Accessibility.Public || _catalog.HasAttribute(member, _catalog.MemoryPackInclude);
                if (!included)
                {
                    return null;
                }

                return member switch
                {
                    IFieldSymbol { IsConst: false } field => field.Type,
                    IPropertySymbol { IsIndexer: false } property when property.GetMethod is not null || property.SetMethod is not null => property.Type,
                    _ => null,
                };
            }

            private static bool IsInSource(INamedTypeSymbol type) => type.Locations.Any(l => l.IsInSource);

            private static Failure Delegate(string path) =>
                new(path, "is a delegate: code cannot be sent to another process; pass data and let the target choose the code");

            private static Failure Interface(INamedTypeSymbol type, string path) =>
                new(path, $"is of interface type '{type.ToDisplayString(s_display)}', which has no known formatter: the serializer cannot tell which type to create in the child; use a concrete type, or make the interface a [MemoryPackable] union");
        }
    }
}
