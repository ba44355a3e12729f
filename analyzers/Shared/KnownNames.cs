namespace Multiprocessing.SourceGeneration
{
    /// <summary>Metadata names of the runtime types the generator and the analyzers look for.</summary>
    internal static class KnownNames
    {
        public const string ProcessTargetAttribute = "Multiprocessing.ProcessTargetAttribute";
        public const string ProcessEntry = "Multiprocessing.ProcessEntry";
        public const string GuardMethod = "Guard";
        public const string ProcessTargetTableAttribute = "Multiprocessing.ProcessTargetTableAttribute";
        public const string RuntimeAssemblyName = "Multiprocessing";
    }
}
