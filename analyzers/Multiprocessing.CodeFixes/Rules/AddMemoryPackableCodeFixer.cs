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
using Multiprocessing.Analyzers.Rules;
using Multiprocessing.SourceGeneration;

namespace Multiprocessing.CodeFixes.Rules
{
    /// <summary>
    /// MP0004: "Add [MemoryPackable] to 'Customer'". Offered when the type that fails is a class, record or struct
    /// of this project that only lacks the serializer's contract: adds <c>[MemoryPackable]</c> (and
    /// <c>using MemoryPack;</c>) and makes the type <c>partial</c>. The type may live in another file than the target.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddMemoryPackableCodeFixer)), Shared]
    public sealed class AddMemoryPackableCodeFixer : CodeFixProvider
    {
        /// <summary>The equivalence key of the code action, the same for every diagnostic (Fix All).</summary>
        public const string EquivalenceKey = "MP0004.AddMemoryPackable";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.TypeCannotCrossProcessBoundary);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(CrossProcessTypeAnalyzer.FixableTypeProperty, out var typeName) ||
                    typeName is null ||
                    diagnostic.AdditionalLocations.Count == 0 ||
                    context.Document.Project.Solution.GetDocument(diagnostic.AdditionalLocations[0].SourceTree) is null)
                {
                    continue;
                }

                var location = diagnostic.AdditionalLocations[0];
                var shortName = typeName.Split('.').Last().Split('<')[0];
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Add [MemoryPackable] to '{shortName}'",
                        ct => AddContractAsync(context.Document.Project.Solution, location, ct),
                        EquivalenceKey),
                    diagnostic);
            }

            return Task.CompletedTask;
        }

        private static async Task<Solution> AddContractAsync(Solution solution, Location location, CancellationToken cancellationToken)
        {
            var document = solution.GetDocument(location.SourceTree);
            var root = document is null ? null : await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var type = root?.FindToken(location.SourceSpan.Start).Parent as TypeDeclarationSyntax;
            if (document is null || root is null || type is null || type.Identifier.Span != location.SourceSpan)
            {
                return solution;
            }

            var newLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            if (!newLine.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                newLine = SyntaxFactory.CarriageReturnLineFeed;
            }

            var updated = AddAttribute(type, newLine);
            if (!updated.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                updated = MakeContainingTypePartialCodeFixer.AddPartial(updated);
            }

            // MemoryPack generates into the type, so every type that contains it must be partial too
            var containing = type.Ancestors().OfType<TypeDeclarationSyntax>().Where(t => !t.Modifiers.Any(SyntaxKind.PartialKeyword));
            var newRoot = root.ReplaceNodes(
                containing.Append(type),
                (original, rewritten) => original == type ? updated : MakeContainingTypePartialCodeFixer.AddPartial(rewritten));
            var newDocument = document.WithSyntaxRoot(newRoot);
            newDocument = await ImportAdder.AddImportsAsync(newDocument, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return newDocument.Project.Solution;
        }

        /// <summary><c>[MemoryPackable]</c> on its own line above the type (and above its other attributes).</summary>
        private static TypeDeclarationSyntax AddAttribute(TypeDeclarationSyntax type, SyntaxTrivia newLine)
        {
            var name = SyntaxFactory.ParseName("global::" + KnownNames.MemoryPackableAttribute.Substring(0, KnownNames.MemoryPackableAttribute.Length - "Attribute".Length))
                .WithAdditionalAnnotations(Simplifier.AddImportsAnnotation, Simplifier.Annotation);
            var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(name)));
            var leading = type.GetLeadingTrivia();
            var indentation = leading.LastOrDefault();
            var lineStart = indentation.IsKind(SyntaxKind.WhitespaceTrivia)
                ? SyntaxFactory.TriviaList(newLine, indentation)
                : SyntaxFactory.TriviaList(newLine);
            list = list.WithLeadingTrivia(leading);
            var rest = type.WithoutLeadingTrivia();
            var first = rest.GetFirstToken();
            rest = rest.ReplaceToken(first, first.WithLeadingTrivia(lineStart));
            return rest.WithAttributeLists(rest.AttributeLists.Insert(0, list.WithTrailingTrivia()));
        }
    }
}
