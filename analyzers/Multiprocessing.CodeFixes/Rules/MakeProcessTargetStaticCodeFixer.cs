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
using Multiprocessing.Analyzers;

namespace Multiprocessing.CodeFixes.Rules
{
    /// <summary>
    /// MP0001: "Make 'Work' static". Offered for an instance method of a class, struct or record; not for abstract,
    /// virtual, override or explicit interface methods, local functions or lambdas, where <c>static</c> alone is not
    /// the fix.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakeProcessTargetStaticCodeFixer)), Shared]
    public sealed class MakeProcessTargetStaticCodeFixer : CodeFixProvider
    {
        /// <summary>The equivalence key of the code action, the same for every diagnostic (Fix All).</summary>
        public const string EquivalenceKey = "MP0001.MakeProcessTargetStatic";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.ProcessTargetMustBeStatic);

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
                var method = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent as MethodDeclarationSyntax;
                if (method is null || method.Identifier.Span != diagnostic.Location.SourceSpan || !CanMakeStatic(method))
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Make '{method.Identifier.ValueText}' static",
                        ct => MakeStaticAsync(context.Document, method, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static bool CanMakeStatic(MethodDeclarationSyntax method) =>
            method.ExplicitInterfaceSpecifier is null &&
            method.Parent is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax &&
            !method.Modifiers.Any(m => m.Kind() is SyntaxKind.StaticKeyword or SyntaxKind.AbstractKeyword or
                SyntaxKind.VirtualKeyword or SyntaxKind.OverrideKeyword or SyntaxKind.ExternKeyword);

        /// <summary>Makes the method static: every declaration of it, both parts of a partial method included.</summary>
        private static async Task<Solution> MakeStaticAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var symbol = model?.GetDeclaredSymbol(method, cancellationToken);
            var declarations = new[] { symbol, symbol?.PartialDefinitionPart, symbol?.PartialImplementationPart }
                .Where(s => s is not null)
                .SelectMany(s => s!.DeclaringSyntaxReferences)
                .GroupBy(r => r.SyntaxTree)
                .ToList();
            var original = document.Project.Solution;
            if (declarations.Count == 0)
            {
                declarations = new[] { method.GetReference() }.GroupBy(r => r.SyntaxTree).ToList();
            }

            var solution = original;
            foreach (var tree in declarations)
            {
                var id = original.GetDocumentId(tree.Key);
                var current = id is null ? null : solution.GetDocument(id);
                if (current is null)
                {
                    continue;
                }

                var editor = await DocumentEditor.CreateAsync(current, cancellationToken).ConfigureAwait(false);
                foreach (var reference in tree.Distinct())
                {
                    if (await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is MethodDeclarationSyntax declaration)
                    {
                        editor.SetModifiers(declaration, editor.Generator.GetModifiers(declaration).WithIsStatic(true).WithIsReadOnly(false));
                    }
                }

                solution = editor.GetChangedDocument().Project.Solution;
            }

            return solution;
        }
    }
}
