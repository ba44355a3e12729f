namespace Multiprocessing.SourceGeneration
{
    /// <summary>The names of the generator's pipeline steps, for incrementality tests.</summary>
    public static class TrackingNames
    {
        public const string ExtractTargets = nameof(ExtractTargets);
        public const string RemoveInvalid = nameof(RemoveInvalid);
        public const string AssemblyName = nameof(AssemblyName);
        public const string ReferencedTables = nameof(ReferencedTables);
        public const string BuildTable = nameof(BuildTable);
    }
}
