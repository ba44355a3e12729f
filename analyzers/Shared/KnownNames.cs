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

        public const string MemoryPackableAttribute = "MemoryPack.MemoryPackableAttribute";
        public const string MemoryPackIgnoreAttribute = "MemoryPack.MemoryPackIgnoreAttribute";
        public const string MemoryPackIncludeAttribute = "MemoryPack.MemoryPackIncludeAttribute";
        public const string MemoryPackFormatterRegister = "MemoryPack.IMemoryPackFormatterRegister";
    }
}
