namespace Multiprocessing.Analyzers
{
    /// <summary>The fixed set of categories the Multiprocessing diagnostics use.</summary>
    internal static class DiagnosticCategories
    {
        public const string Usage = "Usage";
        public const string Design = "Design";
        public const string Reliability = "Reliability";
        public const string Security = "Security";
    }
}
