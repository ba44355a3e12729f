using System.Collections.Generic;
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

namespace Multiprocessing.CodeFixes.Rules
{
    /// <summary>
    /// MP0002: "Make 'Workers' partial". Adds <c>partial</c> to every non-partial type around the target, just before
    /// the type keyword. Not offered when one of those types is generic: <c>partial</c> does not fix that.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeContainingTypePartialCodeFixer)), Shared]
    public sealed class MakeContainingTypePartialCodeFixer : CodeFixProvider
    {
        /// <summary>The equivalence key of the code action, the same for every diagnostic (Fix All).</summary>
        public const string EquivalenceKey = "MP0002.MakeContainingTypesPartial";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.ContainingTypeMustBePartial);

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
                var method = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent;
                if (method is not MethodDeclarationSyntax)
                {
                    continue;
                }

                var types = method.Ancestors().OfType<TypeDeclarationSyntax>().Reverse().ToImmutableArray();
                if (types.IsEmpty || types.Any(t => t.TypeParameterList is not null))
                {
                    continue;
                }

                var nonPartial = types.Where(t => !t.Modifiers.Any(SyntaxKind.PartialKeyword)).ToImmutableArray();
                if (nonPartial.IsEmpty)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title(nonPartial.Select(t => t.Identifier.ValueText).ToList()),
                        ct => MakePartialAsync(context.Document, root, nonPartial, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static string Title(IReadOnlyList<string> names) =>
            names.Count == 1
                ? $"Make '{names[0]}' partial"
                : $"Make {string.Join(", ", names.Take(names.Count - 1).Select(n => $"'{n}'"))} and '{names[names.Count - 1]}' partial";

        private static Task<Document> MakePartialAsync(
            Document document,
            SyntaxNode root,
            ImmutableArray<TypeDeclarationSyntax> types,
            CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var newRoot = root.ReplaceNodes(types, static (_, rewritten) => AddPartial(rewritten));
            return Task.FromResult(document.WithSyntaxRoot(newRoot));
        }

        /// <summary><c>partial</c> goes last among the modifiers, right before <c>class</c>/<c>struct</c>/<c>record</c>/<c>interface</c>.</summary>
        internal static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax type)
        {
            if (type.Modifiers.Count > 0)
            {
                return type.AddModifiers(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space));
            }

            var keyword = type.Keyword;
            var partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return type
                .WithModifiers(SyntaxFactory.TokenList(partial))
                .WithKeyword(keyword.WithLeadingTrivia(SyntaxFactory.TriviaList()));
        }
    }
}
