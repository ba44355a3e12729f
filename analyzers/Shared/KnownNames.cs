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

        /// <summary>The tool name in the generated descriptors' <c>[GeneratedCode]</c>.</summary>
        public const string GeneratorName = "Multiprocessing.Generator";

        /// <summary>The marker on process-creating runtime APIs and on generated <c>Start</c> stubs.</summary>
        public const string CreatesProcessAttribute = "Multiprocessing.CreatesProcessAttribute";
        public const string ChildProcess = "Multiprocessing.ChildProcess";
        public const string ProcessPool = "Multiprocessing.ProcessPool";
        public const string ProcessOptions = "Multiprocessing.ProcessOptions";

        /// <summary>The nested class the generator adds to a type with targets; it holds one descriptor per target.</summary>
        public const string TargetsClassName = "Targets";

        /// <summary>The suffix of a generated descriptor's class name: target <c>Work</c> has <c>Targets.WorkTarget</c>.</summary>
        public const string DescriptorClassSuffix = "Target";

        /// <summary>
        /// The target a descriptor class is named after, or <see langword="null"/>: <c>WorkTarget</c>, or <c>WorkTarget_</c>
        /// when the generator renamed it (a sibling target or a member of <c>Targets</c> had the name).
        /// </summary>
        public static string? TargetOfDescriptorClass(string className)
        {
            string name = className.TrimEnd('_');
            return name.Length > DescriptorClassSuffix.Length && name.EndsWith(DescriptorClassSuffix, System.StringComparison.Ordinal)
                ? name.Substring(0, name.Length - DescriptorClassSuffix.Length)
                : null;
        }

        public const string MemoryPackableAttribute = "MemoryPack.MemoryPackableAttribute";
        public const string MemoryPackIgnoreAttribute = "MemoryPack.MemoryPackIgnoreAttribute";
        public const string MemoryPackIncludeAttribute = "MemoryPack.MemoryPackIncludeAttribute";
        public const string MemoryPackFormatterRegister = "MemoryPack.IMemoryPackFormatterRegister";
    }
}
