using Microsoft.CodeAnalysis;

namespace Multiprocessing.Analyzers
{
    /// <summary>Every diagnostic the Multiprocessing analyzers report.</summary>
    internal static class DiagnosticDescriptors
    {
        /// <summary>MP0001. Argument: the target's name (<c>lambda</c> for a lambda).</summary>
        public static readonly DiagnosticDescriptor ProcessTargetMustBeStatic = Create(
            DiagnosticIds.ProcessTargetMustBeStatic,
            title: "Process target must be a static method",
            messageFormat: "Process target '{0}' must be a static method: a child process has no instance to call it on",
            DiagnosticCategories.Usage,
            DiagnosticSeverity.Error,
            description: "A child process starts from scratch and calls the target by name, so a [ProcessTarget] must be an " +
                "ordinary static method of a type. Instance, abstract and virtual methods, local functions and lambdas " +
                "cannot be called that way.");

        /// <summary>MP0002. Arguments: the type that must change, the target's name.</summary>
        public static readonly DiagnosticDescriptor ContainingTypeMustBePartial = Create(
            DiagnosticIds.ContainingTypeMustBePartial,
            title: "Type containing a process target must be partial and non-generic",
            messageFormat: "Type '{0}' must be partial and non-generic: the generator adds the descriptor of process target '{1}' to it",
            DiagnosticCategories.Usage,
            DiagnosticSeverity.Error,
            description: "The source generator adds a nested Targets class with the typed descriptor of each process target " +
                "to the type that declares it, so that type and every type enclosing it must be partial, and none of " +
                "them can be generic because a child process could not choose the type arguments.");

        /// <summary>MP0006. No arguments.</summary>
        public static readonly DiagnosticDescriptor EntryPointMustCallGuardFirst = Create(
            DiagnosticIds.EntryPointMustCallGuardFirst,
            title: "Entry point must call ProcessEntry.Guard() first",
            messageFormat: "The entry point of a program that starts process targets must call ProcessEntry.Guard() as its first statement: a child process re-runs the program from its entry point",
            DiagnosticCategories.Usage,
            DiagnosticSeverity.Error,
            description: "A child process is the same program started again. ProcessEntry.Guard(), the counterpart of Python's " +
                "'if __name__ == \"__main__\":', runs the requested target in a child and exits; in the parent it returns " +
                "at once. Anything before it runs again in every child, so it must be the first statement.",
            WellKnownDiagnosticTags.CompilationEnd);

        private static DiagnosticDescriptor Create(
            string id,
            string title,
            string messageFormat,
            string category,
            DiagnosticSeverity severity,
            string description,
            params string[] customTags) =>
            new(
                id,
                title,
                messageFormat,
                category,
                severity,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: DiagnosticIds.GetHelpUri(id),
                customTags: customTags);
    }
}
