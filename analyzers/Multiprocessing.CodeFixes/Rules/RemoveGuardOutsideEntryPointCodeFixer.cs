using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Multiprocessing.Analyzers;

namespace Multiprocessing.CodeFixes.Rules
{
    /// <summary>MP0009: "Remove the ProcessEntry.Guard() call", when the call is a statement of its own.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveGuardOutsideEntryPointCodeFixer)), Shared]
    public sealed class RemoveGuardOutsideEntryPointCodeFixer : CodeFixProvider
    {
        /// <summary>The equivalence key of the code action, the same for every diagnostic (Fix All).</summary>
        public const string EquivalenceKey = "MP0009.RemoveGuard";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.GuardOutsideEntryPoint);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is InvocationExpressionSyntax invocation &&
                    invocation.Parent is ExpressionStatementSyntax { Parent: BlockSyntax } statement)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Remove the ProcessEntry.Guard() call", ct => RemoveAsync(context.Document, statement, ct), EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> RemoveAsync(Document document, StatementSyntax statement, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var updated = root?.RemoveNode(statement, SyntaxRemoveOptions.KeepUnbalancedDirectives);
            return updated is null ? document : document.WithSyntaxRoot(updated);
        }
    }
}
