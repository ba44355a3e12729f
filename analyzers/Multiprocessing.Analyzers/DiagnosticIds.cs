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

        /// <summary>MP0003: a target cannot be generic, <c>async void</c>, or take <c>ref</c>/<c>params</c>/ref-struct/pointer parameters.</summary>
        public const string UnsupportedTargetSignature = "MP0003";

        /// <summary>MP0004: a parameter or result type cannot cross a process boundary.</summary>
        public const string TypeCannotCrossProcessBoundary = "MP0004";

        /// <summary>MP0005: two targets resolve to the same id (overloads).</summary>
        public const string DuplicateTargetId = "MP0005";

        /// <summary>MP0006: the entry point must call <c>ProcessEntry.Guard()</c> as its first statement.</summary>
        public const string EntryPointMustCallGuardFirst = "MP0006";

        /// <summary>MP0007: process creation outside the guarded entry, in code that runs again in every child.</summary>
        public const string ProcessCreationOutsideGuardedEntry = "MP0007";

        /// <summary>MP0008: process creation in another static constructor or static initializer.</summary>
        public const string ProcessCreationInStaticInitializer = "MP0008";

        /// <summary>MP0009: <c>ProcessEntry.Guard()</c> called outside the entry point.</summary>
        public const string GuardOutsideEntryPoint = "MP0009";

        /// <summary>MP0010: a target starts itself unconditionally (a spawn bomb).</summary>
        public const string TargetStartsItself = "MP0010";

        /// <summary>MP0011: a target reads a mutable static field that other code writes.</summary>
        public const string StaticStateIsNotShared = "MP0011";

        /// <summary>MP0012: a started child is never joined, awaited or disposed; a pool is never disposed.</summary>
        public const string ProcessNotJoinedOrDisposed = "MP0012";

        /// <summary>MP0013: a target's containing type is private or protected, so the dispatch table cannot reach it.</summary>
        public const string ContainingTypeNotReachable = "MP0013";

        /// <summary>MP0014: a test project starts processes, but the test platform generates its entry point, which cannot hold the guard.</summary>
        public const string TestPlatformGeneratesEntryPoint = "MP0014";

        /// <summary>MP0015: a type with targets declares its own member named <c>Targets</c>, the generated descriptors' name.</summary>
        public const string TargetsNameTaken = "MP0015";

        private const string HelpUriBase = "https://github.com/multiprocessing-dotnet/multiprocessing/blob/main/docs/diagnostics/";

        /// <summary>The documentation page of diagnostic <paramref name="id"/>.</summary>
        public static string GetHelpUri(string id) => HelpUriBase + id + ".md";
    }
}
