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

        private static async Task<Document> MakeStaticAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var modifiers = editor.Generator.GetModifiers(method).WithIsStatic(true).WithIsReadOnly(false);
            editor.SetModifiers(method, modifiers);
            return editor.GetChangedDocument();
        }
    }
}
