namespace Multiprocessing.Analyzers
{
    /// <summary>
    /// The identifiers of the Multiprocessing diagnostics. Numbers are assigned once and never reused; the catalogue
    /// lives in DESIGN.md and every identifier has a page under <c>docs/diagnostics/</c>.
    /// </summary>
    public static class DiagnosticIds
    {
        /// <summary>MP0001: a <c>[ProcessTarget]</c> must be a static method.</summary>
        public const string ProcessTargetMustBeStatic = "MP0001";

        /// <summary>MP0002: the containing type and every enclosing type must be partial and non-generic.</summary>
        public const string ContainingTypeMustBePartial = "MP0002";

        /// <summary>MP0006: the entry point must call <c>ProcessEntry.Guard()</c> as its first statement.</summary>
        public const string EntryPointMustCallGuardFirst = "MP0006";

        private const string HelpUriBase = "https://github.com/multiprocessing-dotnet/multiprocessing/blob/main/docs/diagnostics/";

        /// <summary>The documentation page of diagnostic <paramref name="id"/>.</summary>
        public static string GetHelpUri(string id) => HelpUriBase + id + ".md";
    }
}
