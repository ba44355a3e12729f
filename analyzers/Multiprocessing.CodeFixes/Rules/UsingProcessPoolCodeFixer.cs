using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Multiprocessing.Analyzers;
using Multiprocessing.Analyzers.Rules;

namespace Multiprocessing.CodeFixes.Rules
{
    /// <summary>
    /// MP0012 (pool): "Declare the pool with 'await using'". Turns <c>var pool = new ProcessPool(...);</c> into
    /// <c>await using var pool = ...;</c> where <c>await</c> is allowed (an async method, lambda or local function,
    /// or top-level statements), and into <c>using var pool = ...;</c> elsewhere. Python's <c>with Pool(...) as pool:</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UsingProcessPoolCodeFixer)), Shared]
    public sealed class UsingProcessPoolCodeFixer : CodeFixProvider
    {
        /// <summary>The equivalence key of the code action, the same for every diagnostic (Fix All).</summary>
        public const string EquivalenceKey = "MP0012.UsingProcessPool";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.ProcessNotJoinedOrDisposed);

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
                if (!diagnostic.Properties.ContainsKey(ProcessLifetimeAnalyzer.PoolProperty))
                {
                    continue;
                }

                var creation = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var declaration = creation.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>();
                if (declaration is null ||
                    declaration.UsingKeyword != default ||
                    declaration.Declaration.Variables.Count != 1 ||
                    declaration.Declaration.Variables[0].Initializer?.Value is not { } value ||
                    !value.Span.Contains(diagnostic.Location.SourceSpan) ||
                    declaration.Parent is not (BlockSyntax or GlobalStatementSyntax))
                {
                    continue;
                }

                var canAwait = CanAwait(declaration);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        canAwait ? "Declare the pool with 'await using'" : "Declare the pool with 'using'",
                        ct => AddUsingAsync(context.Document, declaration, canAwait, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document> AddUsingAsync(Document document, LocalDeclarationStatementSyntax declaration, bool canAwait, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var leading = declaration.GetLeadingTrivia();
            var updated = declaration.WithoutLeadingTrivia()
                .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space));
            if (canAwait)
            {
                updated = updated.WithAwaitKeyword(SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space));
            }

            return document.WithSyntaxRoot(root.ReplaceNode(declaration, updated.WithLeadingTrivia(leading)));
        }

        /// <summary>Whether <c>await</c> is allowed where <paramref name="node"/> is.</summary>
        private static bool CanAwait(SyntaxNode node)
        {
            foreach (var ancestor in node.Ancestors())
            {
                switch (ancestor)
                {
                    case LockStatementSyntax:
                        return false;   // no await inside a lock (CS1996)
                    case AnonymousFunctionExpressionSyntax lambda:
                        return lambda.AsyncKeyword != default;
                    case LocalFunctionStatementSyntax local:
                        return local.Modifiers.Any(SyntaxKind.AsyncKeyword);
                    case BaseMethodDeclarationSyntax method:
                        return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                    case AccessorDeclarationSyntax:
                        return false;
                    case GlobalStatementSyntax:
                        return true;   // top-level statements may await
                }
            }

            return false;
        }
    }
}
