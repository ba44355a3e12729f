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
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using Multiprocessing.Analyzers;
using Multiprocessing.SourceGeneration;

namespace Multiprocessing.CodeFixes.Rules
{
    /// <summary>
    /// MP0006: "Insert ProcessEntry.Guard()". Makes <c>ProcessEntry.Guard();</c> the first statement of the top-level
    /// statements or of <c>Main</c>'s block body. A <c>Guard()</c> call already among those statements is moved to
    /// the top rather than duplicated. The type name is simplified, adding <c>using Multiprocessing;</c> if needed.
    /// Also offered for MP0007 on a process created before the guard in the entry point: moving the guard fixes it.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertProcessEntryGuardCodeFixer)), Shared]
    public sealed class InsertProcessEntryGuardCodeFixer : CodeFixProvider
    {
        /// <summary>The title and equivalence key of the code action.</summary>
        public const string Title = "Insert ProcessEntry.Guard()";

        /// <summary>The equivalence key of the code action.</summary>
        public const string EquivalenceKey = "MP0006.InsertProcessEntryGuard";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.EntryPointMustCallGuardFirst, DiagnosticIds.ProcessCreationOutsideGuardedEntry);

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
                var span = diagnostic.Location.SourceSpan;
                var node = root.FindNode(span, getInnermostNodeForTie: true);
                if (diagnostic.Id == DiagnosticIds.ProcessCreationOutsideGuardedEntry)
                {
                    if (!diagnostic.Properties.ContainsKey(Multiprocessing.Analyzers.Rules.ProcessCreationAnalyzer.BeforeGuardProperty))
                    {
                        continue;   // a static constructor or a module initializer: no guard to move
                    }

                    var inMain = node.FirstAncestorOrSelf<MethodDeclarationSyntax>();
                    var topLevel = node.AncestorsAndSelf().OfType<GlobalStatementSyntax>().Any();
                    if (!topLevel && inMain?.Body is null)
                    {
                        continue;
                    }

                    context.RegisterCodeFix(
                        CodeAction.Create(Title, ct => InsertGuardAsync(context.Document, topLevel ? null : inMain, ct), EquivalenceKey),
                        diagnostic);
                    continue;
                }

                var isTopLevel = node.AncestorsAndSelf().OfType<GlobalStatementSyntax>().Any();
                var main = node as MethodDeclarationSyntax;
                if (!isTopLevel && (main is null || main.Identifier.Span != span || main.Body is null))
                {
                    continue;   // an expression-bodied Main: there is no statement list to insert into
                }

                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => InsertGuardAsync(context.Document, isTopLevel ? null : main, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document> InsertGuardAsync(Document document, MethodDeclarationSyntax? main, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var processEntry = model?.Compilation.GetTypeByMetadataName(KnownNames.ProcessEntry);
            if (root is not CompilationUnitSyntax unit || model is null || processEntry is null)
            {
                return document;
            }

            if (main is not null)
            {
                // the same method in this root (the code action may run on a re-parsed tree)
                var span = main.Span;
                main = unit.DescendantNodes(span).OfType<MethodDeclarationSyntax>().FirstOrDefault(m => m.Span == span);
                if (main?.Body is null)
                {
                    return document;
                }
            }

            var newLine = unit.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            if (!newLine.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                newLine = SyntaxFactory.CarriageReturnLineFeed;   // a file without a line break: elastic trivia would get a blank line added
            }

            if (main is null)
            {
                var statements = unit.Members.OfType<GlobalStatementSyntax>().Select(g => g.Statement).ToList();
                var existing = FindGuardStatement(statements, model, processEntry, cancellationToken);
                var members = unit.Members;
                if (existing is not null)
                {
                    members = RemoveGuard(members, (MemberDeclarationSyntax)existing.Parent!, existing, out var left);
                    unit = unit.WithEndOfFileToken(unit.EndOfFileToken.WithLeadingTrivia(left.AddRange(unit.EndOfFileToken.LeadingTrivia)));
                }

                var index = members.IndexOf(m => m is GlobalStatementSyntax);
                var firstStatement = statements.FirstOrDefault(st => st != existing);
                var guard = SyntaxFactory.GlobalStatement(CreateGuard(existing, processEntry, InScope(model, firstStatement?.SpanStart ?? 0, processEntry)));
                if (index < 0)
                {
                    members = members.Add(guard.WithAdditionalAnnotations(Formatter.Annotation));
                }
                else
                {
                    var placed = PlaceBefore(guard, members[index], newLine, out var next);
                    members = members.Replace(members[index], next).Insert(index, placed);
                }

                return await AddImportsAsync(document.WithSyntaxRoot(unit.WithMembers(members)), cancellationToken).ConfigureAwait(false);
            }

            var body = main.Body!;   // checked above
            var existingInMain = FindGuardStatement(body.Statements, model, processEntry, cancellationToken);
            var bodyStatements = body.Statements;
            var closeBrace = body.CloseBraceToken;
            if (existingInMain is not null)
            {
                bodyStatements = RemoveGuard(bodyStatements, existingInMain, existingInMain, out var left);
                closeBrace = closeBrace.WithLeadingTrivia(left.AddRange(closeBrace.LeadingTrivia));
            }

            var guardInMain = CreateGuard(existingInMain, processEntry, InScope(model, body.OpenBraceToken.Span.End, processEntry));
            if (bodyStatements.Count == 0)
            {
                bodyStatements = bodyStatements.Add(guardInMain.WithAdditionalAnnotations(Formatter.Annotation));
            }
            else
            {
                var placed = PlaceBefore(guardInMain, bodyStatements[0], newLine, out var next);
                bodyStatements = bodyStatements.Replace(bodyStatements[0], next).Insert(0, placed);
            }

            var newBody = body.WithStatements(bodyStatements).WithCloseBraceToken(closeBrace);
            if (bodyStatements.Count == 1)
            {
                newBody = newBody.WithAdditionalAnnotations(Formatter.Annotation);
            }

            return await AddImportsAsync(document.WithSyntaxRoot(unit.ReplaceNode(body, newBody)), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Adds <c>using Multiprocessing;</c> for the new call when it is not in scope yet; the code action's clean-up
        /// then simplifies <c>global::Multiprocessing.ProcessEntry</c> to <c>ProcessEntry</c>.
        /// </summary>
        private static Task<Document> AddImportsAsync(Document document, CancellationToken cancellationToken) =>
            ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken);

        /// <summary>A <c>Guard();</c> statement among <paramref name="statements"/> (not nested in another statement).</summary>
        private static StatementSyntax? FindGuardStatement(
            IEnumerable<StatementSyntax> statements,
            SemanticModel model,
            INamedTypeSymbol processEntry,
            CancellationToken cancellationToken)
        {
            foreach (var statement in statements)
            {
                if (statement is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax invocation } &&
                    model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { Name: KnownNames.GuardMethod, IsStatic: true, Parameters.IsEmpty: true } method &&
                    SymbolEqualityComparer.Default.Equals(method.ContainingType, processEntry))
                {
                    return statement;
                }
            }

            return null;
        }

        /// <summary>Whether <c>ProcessEntry</c> names the runtime's type at <paramref name="position"/> (a using is in scope).</summary>
        private static bool InScope(SemanticModel model, int position, INamedTypeSymbol processEntry) =>
            model.LookupNamespacesAndTypes(position, name: processEntry.Name).Any(s => SymbolEqualityComparer.Default.Equals(s, processEntry));

        /// <summary>
        /// The existing call, moved, or a new <c>Multiprocessing.ProcessEntry.Guard();</c> marked for the import adder
        /// and the simplifier, which turn it into <c>ProcessEntry.Guard();</c> under a <c>using Multiprocessing;</c>.
        /// </summary>
        private static StatementSyntax CreateGuard(StatementSyntax? existing, INamedTypeSymbol processEntry, bool inScope)
        {
            if (existing is not null)
            {
                var leading = existing.GetLeadingTrivia();
                var comments = leading.Skip(StaysInPlace(existing).Count).SkipWhile(IsWhitespace);
                return existing.WithLeadingTrivia(comments);   // its own comments, before it and after it, go with it
            }

            // parsed, not built: built tokens carry elastic trivia, which the formatter would re-indent with its defaults;
            // and only when a using must be added is the name left for the import adder and the simplifier (which format it)
            if (inScope)
            {
                return SyntaxFactory.ParseStatement($"{processEntry.Name}.{KnownNames.GuardMethod}();");
            }

            var statement = (ExpressionStatementSyntax)SyntaxFactory.ParseStatement($"{processEntry.ToDisplayString()}.{KnownNames.GuardMethod}();");
            var type = ((MemberAccessExpressionSyntax)((InvocationExpressionSyntax)statement.Expression).Expression).Expression;
            return statement.ReplaceNode(type, type.WithAdditionalAnnotations(Simplifier.AddImportsAnnotation, Simplifier.Annotation));
        }

        /// <summary>
        /// Removes the node holding the old guard. What of its leading trivia stays in place (see <see cref="StaysInPlace"/>)
        /// goes to the node that followed it, or, when it was the last, out in <paramref name="left"/> for the closing token.
        /// </summary>
        private static SyntaxList<T> RemoveGuard<T>(SyntaxList<T> nodes, T holder, StatementSyntax guard, out SyntaxTriviaList left)
            where T : SyntaxNode
        {
            var at = nodes.IndexOf(holder);
            nodes = nodes.RemoveAt(at);
            left = StaysInPlace(guard);
            if (at < nodes.Count)
            {
                nodes = nodes.Replace(nodes[at], nodes[at].WithLeadingTrivia(left.AddRange(nodes[at].GetLeadingTrivia())));
                left = default;
            }

            return nodes;
        }

        /// <summary>
        /// The part of a moved guard's leading trivia that stays where the guard was: preprocessor directives (and the code
        /// they disable) and everything above a blank line. The comments right above the guard move with it.
        /// </summary>
        private static SyntaxTriviaList StaysInPlace(StatementSyntax guard)
        {
            var leading = guard.GetLeadingTrivia();
            var start = leading.Count;
            for (var i = leading.Count - 1; i >= 0; i--)
            {
                var trivia = leading[i];
                if (trivia.IsDirective || trivia.IsKind(SyntaxKind.DisabledTextTrivia) ||
                    (trivia.IsKind(SyntaxKind.EndOfLineTrivia) && i > 0 && leading[i - 1].IsKind(SyntaxKind.EndOfLineTrivia)))
                {
                    break;
                }

                start = i;
            }

            return SyntaxFactory.TriviaList(leading.Take(start));
        }

        /// <summary>
        /// <paramref name="guard"/> laid out to sit on its own line before <paramref name="first"/>: it takes the blank
        /// lines and the indentation that precede <paramref name="first"/>'s comments; <paramref name="next"/> is
        /// <paramref name="first"/> keeping its comments and indentation.
        /// </summary>
        private static T PlaceBefore<T>(T guard, T first, SyntaxTrivia newLine, out T next)
            where T : SyntaxNode
        {
            var leading = first.GetLeadingTrivia();
            var blank = leading.TakeWhile(IsWhitespace).ToList();
            var indentation = blank.Count > 0 && blank[blank.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
                ? new[] { blank[blank.Count - 1] }
                : System.Array.Empty<SyntaxTrivia>();
            next = first.WithLeadingTrivia(indentation.Concat(leading.Skip(blank.Count)));
            return guard
                .WithLeadingTrivia(blank.Concat(guard.GetLeadingTrivia()))
                .WithTrailingTrivia(guard.GetTrailingTrivia().Where(t => !t.IsKind(SyntaxKind.EndOfLineTrivia)).Append(newLine));
        }

        private static bool IsWhitespace(SyntaxTrivia trivia) =>
            trivia.IsKind(SyntaxKind.WhitespaceTrivia) || trivia.IsKind(SyntaxKind.EndOfLineTrivia);
    }
}
