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
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;
using Multiprocessing.Analyzers;

namespace Multiprocessing.CodeFixes.Rules
{
    /// <summary>MP0003 (async void): "Return Task instead of void". The other MP0003 shapes need a decision about the data.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReturnTaskFromAsyncTargetCodeFixer)), Shared]
    public sealed class ReturnTaskFromAsyncTargetCodeFixer : CodeFixProvider
    {
        /// <summary>The equivalence key of the code action, the same for every diagnostic (Fix All).</summary>
        public const string EquivalenceKey = "MP0003.ReturnTask";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.UnsupportedTargetSignature);

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
                if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is MethodDeclarationSyntax method &&
                    method.Identifier.Span == diagnostic.Location.SourceSpan &&
                    method.Modifiers.Any(SyntaxKind.AsyncKeyword) &&
                    method.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword })
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Return Task instead of void", ct => ReturnTaskAsync(context.Document, method, ct), EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static async Task<Document> ReturnTaskAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var task = SyntaxFactory.ParseTypeName("global::System.Threading.Tasks.Task")
                .WithTriviaFrom(method.ReturnType)
                .WithAdditionalAnnotations(Simplifier.AddImportsAnnotation, Simplifier.Annotation);
            var updated = document.WithSyntaxRoot(root.ReplaceNode(method.ReturnType, task));
            return await ImportAdder.AddImportsAsync(updated, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
