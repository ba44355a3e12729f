using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Multiprocessing.SourceGeneration.Helpers;
using Multiprocessing.SourceGeneration.Model;

namespace Multiprocessing.SourceGeneration
{
    /// <summary>
    /// Emits, for each <c>[ProcessTarget]</c> method, a typed descriptor <c>Type.Targets.Method</c> with a <c>Start</c>
    /// stub, and for the assembly a dispatch table the child's guarded entry runs targets through.
    /// Invalid targets are skipped: the analyzer reports them.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed partial class ProcessTargetGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var targets = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    KnownNames.ProcessTargetAttribute,
                    static (node, _) => node is MethodDeclarationSyntax,
                    static (ctx, ct) => Parser.TryCreateSpec(ctx, ct))
                .WithTrackingName(TrackingNames.ExtractTargets)
                .Where(static spec => spec is not null)
                .Select(static (spec, _) => spec!)
                .WithTrackingName(TrackingNames.RemoveInvalid);

            context.RegisterSourceOutput(targets, static (spc, spec) => Emitter.EmitDescriptor(spc, spec));

            var assemblyName = context.CompilationProvider
                .Select(static (compilation, _) => compilation.AssemblyName ?? "")
                .WithTrackingName(TrackingNames.AssemblyName);
            var referencedTables = context.CompilationProvider
                .Select(static (compilation, ct) => Parser.FindReferencedTables(compilation, ct))
                .WithTrackingName(TrackingNames.ReferencedTables);

            var table = targets
                .Select(static (spec, _) => new TableEntrySpec(spec.Id, spec.DescriptorTypeFullName, spec.Formatters, spec.NamesObsolete, spec.ExperimentalIds))
                .Collect()
                .Combine(assemblyName)
                .Combine(referencedTables)
                .Select(static (input, _) =>
                {
                    var entries = input.Left.Left.OrderBy(static e => e.Id, System.StringComparer.Ordinal).ToList();
                    return new TableSpec(
                        input.Left.Right,
                        entries.ToEquatableArray(),
                        input.Right,
                        entries.SelectMany(static e => e.Formatters).Distinct().ToEquatableArray(),
                        entries.Any(static e => e.NamesObsolete),
                        entries.SelectMany(static e => e.ExperimentalIds).Distinct().OrderBy(static id => id, System.StringComparer.Ordinal).ToEquatableArray());
                })
                .WithTrackingName(TrackingNames.BuildTable);

            context.RegisterSourceOutput(table, static (spc, spec) => Emitter.EmitTable(spc, spec));
        }
    }
}
