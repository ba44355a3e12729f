using Multiprocessing.SourceGeneration.Helpers;

namespace Multiprocessing.SourceGeneration.Model
{
    /// <summary>How a target returns: what the child awaits and what the parent's stub types.</summary>
    internal enum ResultShape
    {
        Void,
        Value,
        Task,
        TaskOfT,
        ValueTask,
        ValueTaskOfT,
    }

    /// <summary>A type that encloses a target, outermost first: its declaration keyword and name.</summary>
    /// <param name="Keyword">"class", "struct", "record", "record struct" or "interface".</param>
    /// <param name="Name">The type's name, escaped where it is a keyword.</param>
    internal sealed record ContainingTypeSpec(string Keyword, string Name);

    /// <summary>One parameter of a target.</summary>
    /// <param name="Name">The parameter's name, escaped where it is a keyword.</param>
    /// <param name="Type">Its fully qualified type (<c>global::</c>, nullable annotations kept).</param>
    /// <param name="DefaultValue">The C# text of its default value, or <see langword="null"/>.</param>
    /// <param name="IsCancellationToken">
    /// A <c>CancellationToken</c> is not serialized: the child gets a token the parent's token cancels across the boundary.
    /// </param>
    /// <param name="Attributes">
    /// Attributes the stub's parameter copies (C# text, without brackets): a default declared by attributes, and the
    /// caller-info attribute that takes effect.
    /// </param>
    internal sealed record ParameterSpec(string Name, string Type, string? DefaultValue, bool IsCancellationToken, EquatableArray<string> Attributes = default);

    /// <summary>Everything the emitter needs about one valid <c>[ProcessTarget]</c>: strings, enums and equatable arrays only.</summary>
    /// <param name="Id">The stable target id: <c>Assembly:Namespace.Type.Method</c>.</param>
    /// <param name="DisplayName">The target as users read it: <c>Type.Method</c>.</param>
    /// <param name="Namespace">The containing namespace, or <see langword="null"/> for the global namespace.</param>
    /// <param name="ContainingTypes">The enclosing types, outermost first.</param>
    /// <param name="ContainingTypeName">The fully qualified containing type.</param>
    /// <param name="MethodName">The method's name.</param>
    /// <param name="Accessibility">"public" or "internal": the accessibility of the generated descriptor.</param>
    /// <param name="Parameters">The parameters, in order.</param>
    /// <param name="Shape">How the method returns.</param>
    /// <param name="ResultType">The fully qualified result type (unwrapped from its task), or <see langword="null"/>.</param>
    /// <param name="Formatters">The serializer formatters the argument and result types need, innermost first.</param>
    /// <param name="Documentation">The target's XML documentation (the elements inside <c>member</c>, one per line), for the stub; or <see langword="null"/>.</param>
    /// <param name="HintName">The generated file's name.</param>
    /// <param name="OwnTargetsClass">
    /// The type declares a partial class <c>Targets</c> of its own: the generated part leaves its modifiers to it.
    /// </param>
    /// <param name="HidesInheritedTargets">
    /// A base type has a <c>Targets</c> of its own (or process targets, so a generated one): this one hides it, deliberately.
    /// </param>
    /// <param name="DescriptorTypeName">
    /// The generated descriptor's class, nested in <c>Targets</c>: <c>MethodTarget</c>, with a <c>_</c> added while another
    /// target of the type, or a member of <c>Targets</c> (declared or inherited), is called that.
    /// </param>
    /// <param name="HidesInheritedMember">
    /// The descriptor field hides a member <c>Targets</c> inherits (<c>object.Equals</c>, or a base class's of the user's
    /// own <c>Targets</c>), deliberately.
    /// </param>
    /// <param name="DescriptorAttributes">
    /// The target's own <c>[Obsolete]</c> and <c>[Experimental]</c> (C# text), carried to the descriptor field users reach it through.
    /// </param>
    /// <param name="NamesObsolete">
    /// The generated code names something obsolete (the target, a containing type, a type in its signature): what names it
    /// is marked <c>[Obsolete]</c>, as a use inside an obsolete member is not reported (CS0619 cannot be disabled).
    /// </param>
    /// <param name="ExperimentalIds">
    /// The diagnostic ids of the experimental things the generated code names, disabled in the generated files.
    /// </param>
    internal sealed record TargetSpec(
        string Id,
        string DisplayName,
        string? Namespace,
        EquatableArray<ContainingTypeSpec> ContainingTypes,
        string ContainingTypeName,
        string MethodName,
        string Accessibility,
        EquatableArray<ParameterSpec> Parameters,
        ResultShape Shape,
        string? ResultType,
        EquatableArray<FormatterSpec> Formatters,
        EquatableArray<string> Documentation,
        string HintName,
        bool OwnTargetsClass,
        bool HidesInheritedTargets,
        string DescriptorTypeName,
        bool HidesInheritedMember,
        EquatableArray<string> DescriptorAttributes,
        bool NamesObsolete,
        EquatableArray<string> ExperimentalIds)
    {
        /// <summary>The parameters that cross the process boundary (all but cancellation tokens).</summary>
        public System.Collections.Generic.IEnumerable<ParameterSpec> SerializedParameters => System.Linq.Enumerable.Where(Parameters, static p => !p.IsCancellationToken);

        /// <summary>The descriptor's argument type: the parameter's type, a tuple of several, or <c>ValueTuple</c> for none.</summary>
        public string ArgumentsType => System.Linq.Enumerable.ToList(SerializedParameters) switch
        {
            { Count: 0 } => "global::System.ValueTuple",
            [var single] => single.Type,
            var several when System.Linq.Enumerable.Any(several, static p => IsReservedTupleName(p.Name.TrimStart('@'))) =>
                "(" + string.Join(", ", System.Linq.Enumerable.Select(several, static p => p.Type)) + ")",
            var several => "(" + string.Join(", ", System.Linq.Enumerable.Select(several, static p => $"{p.Type} {p.Name}")) + ")",
        };

        private static bool IsReservedTupleName(string name) =>
            name is "Rest" or "ToString" or "GetHashCode" or "Equals" or "CompareTo" or "GetType" or "Deconstruct" ||
            (name.StartsWith("Item", System.StringComparison.Ordinal) && name.Length > 4 && char.IsDigit(name[4]));

        /// <summary>The descriptor's result type: the target's result, or <c>ValueTuple</c> when it has none.</summary>
        public string ResultTypeOrUnit => ResultType ?? "global::System.ValueTuple";

        /// <summary>The fully qualified descriptor class.</summary>
        public string DescriptorTypeFullName => ContainingTypeName + ".Targets." + DescriptorTypeName;

        /// <summary>Most targets' descriptors derive from a shared base per argument count (<c>ProcessTarget0</c>..<c>ProcessTarget8</c>).</summary>
        public const int MaxSharedBaseArguments = 8;

        /// <summary>The number of arguments that cross the process boundary.</summary>
        public int SerializedCount => System.Linq.Enumerable.Count(Parameters, static p => !p.IsCancellationToken);

        /// <summary>The method's declared return type (for the delegate the descriptor holds): the result or a task of it.</summary>
        public string DeclaredReturnType => Shape switch
        {
            ResultShape.Void => "void",
            ResultShape.Task => "global::System.Threading.Tasks.Task",
            ResultShape.ValueTask => "global::System.Threading.Tasks.ValueTask",
            ResultShape.TaskOfT => $"global::System.Threading.Tasks.Task<{ResultType}>",
            ResultShape.ValueTaskOfT => $"global::System.Threading.Tasks.ValueTask<{ResultType}>",
            _ => ResultType!,
        };
    }

    /// <summary>A serializer formatter the table registers before any descriptor serializes anything.</summary>
    /// <param name="Type">The fully qualified type it serializes.</param>
    /// <param name="Formatter">The formatter to construct, or <see langword="null"/> for a <c>[MemoryPackable]</c> type, which registers itself.</param>
    internal sealed record FormatterSpec(string Type, string? Formatter);

    /// <summary>The assembly's dispatch table: its own targets and the tables of referenced assemblies.</summary>
    /// <param name="AssemblyName">The compilation's assembly name.</param>
    /// <param name="Targets">(target id, descriptor class) pairs, sorted by id.</param>
    /// <param name="ReferencedTables">Fully qualified generated tables of referenced assemblies, sorted.</param>
    /// <param name="Formatters">The serializer formatters all targets need, each once, innermost first.</param>
    /// <param name="NamesObsolete">A target's entry or formatters name something obsolete (see <see cref="TargetSpec.NamesObsolete"/>).</param>
    /// <param name="ExperimentalIds">The experimental diagnostic ids the targets' entries and formatters name, sorted.</param>
    internal sealed record TableSpec(
        string AssemblyName,
        EquatableArray<TableEntrySpec> Targets,
        EquatableArray<string> ReferencedTables,
        EquatableArray<FormatterSpec> Formatters,
        bool NamesObsolete,
        EquatableArray<string> ExperimentalIds);

    /// <summary>One dispatch table entry, with the formatters its target's types need and what they name that is deprecated.</summary>
    internal sealed record TableEntrySpec(
        string Id,
        string DescriptorTypeFullName,
        EquatableArray<FormatterSpec> Formatters,
        bool NamesObsolete,
        EquatableArray<string> ExperimentalIds);
}
