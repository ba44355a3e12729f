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

        /// <summary>MP0003. Arguments: the target's name, what is wrong with its signature.</summary>
        public static readonly DiagnosticDescriptor UnsupportedTargetSignature = Create(
            DiagnosticIds.UnsupportedTargetSignature,
            title: "Process target has a signature a child process cannot call",
            messageFormat: "Process target '{0}' {1}",
            DiagnosticCategories.Usage,
            DiagnosticSeverity.Error,
            description: "The generated dispatcher calls a target in the child with arguments it has deserialized, and sends back " +
                "what the target returns or completes with. So a target cannot be generic, cannot be 'async void' (nothing " +
                "tells the parent when it ends), cannot take ref/out/in or params parameters, ref structs such as Span<T>, " +
                "or pointers, and cannot return by reference.");

        /// <summary>MP0004. Arguments: what crosses (<c>Parameter 'x'</c> or <c>The result</c>), the target's name, why it cannot.</summary>
        public static readonly DiagnosticDescriptor TypeCannotCrossProcessBoundary = Create(
            DiagnosticIds.TypeCannotCrossProcessBoundary,
            title: "Parameter or result type cannot cross a process boundary",
            messageFormat: "{0} of process target '{1}' cannot cross a process boundary: {2}",
            DiagnosticCategories.Usage,
            DiagnosticSeverity.Error,
            description: "Arguments and results are serialized with MemoryPack, contract-based: primitives, strings, enums, " +
                "arrays, the common collections, tuples, unmanaged structs and [MemoryPackable] partial types cross. " +
                "Delegates, streams, threads, tasks, handles, sockets, cancellation tokens, 'object' and interfaces " +
                "without a known formatter do not: they only mean something inside one process. The message names the " +
                "member path that fails, e.g. 'Order.Customer.Connection'.");

        /// <summary>MP0005. Arguments: the target's name, the id it shares.</summary>
        public static readonly DiagnosticDescriptor DuplicateTargetId = Create(
            DiagnosticIds.DuplicateTargetId,
            title: "Two process targets have the same id",
            messageFormat: "Process target '{0}' has the same id '{1}' as another target, or one that differs only in case: a child process finds its target by id, so overloads cannot be told apart; give each target its own name",
            DiagnosticCategories.Usage,
            DiagnosticSeverity.Error,
            description: "A target's id is its assembly, namespace, containing types and method name, without parameter types, " +
                "and its descriptor is Targets.<MethodName>. Two targets of one type with the same name (overloads) would " +
                "get the same id and the same descriptor; names that differ only in case would get generated files of the same name.");

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

        /// <summary>MP0007. Arguments: the process-creating API, where it is called.</summary>
        public static readonly DiagnosticDescriptor ProcessCreationOutsideGuardedEntry = Create(
            DiagnosticIds.ProcessCreationOutsideGuardedEntry,
            title: "Process created in code that runs again in every child process",
            messageFormat: "'{0}' starts a process {1}, code that runs again in every child process; start processes after ProcessEntry.Guard() in the entry point",
            DiagnosticCategories.Reliability,
            DiagnosticSeverity.Error,
            description: "A child process is the program started again. Code before ProcessEntry.Guard() in the entry point, " +
                "[ModuleInitializer] methods, the static constructor of the type holding the entry point, and the static " +
                "constructors and static initializers of types that declare process targets all run again in the child, so " +
                "a process started there starts another child in every child: Python's spawn bomb.");

        /// <summary>MP0008. Arguments: the process-creating API, where it is called.</summary>
        public static readonly DiagnosticDescriptor ProcessCreationInStaticInitializer = Create(
            DiagnosticIds.ProcessCreationInStaticInitializer,
            title: "Process created in a static constructor or static initializer",
            messageFormat: "'{0}' starts a process {1}, which runs whenever the type is first used, in child processes too; start processes from code called after ProcessEntry.Guard()",
            DiagnosticCategories.Reliability,
            DiagnosticSeverity.Warning,
            description: "A static constructor or static field or property initializer runs when its type is first used, " +
                "wherever that happens, in the parent and in every child that touches the type. Starting a process there " +
                "makes children start children as soon as a target uses the type.");

        /// <summary>MP0009. No arguments.</summary>
        public static readonly DiagnosticDescriptor GuardOutsideEntryPoint = Create(
            DiagnosticIds.GuardOutsideEntryPoint,
            title: "ProcessEntry.Guard() called outside the entry point",
            messageFormat: "ProcessEntry.Guard() is called outside the program's entry point, where it cannot guard anything; call it as the first statement of the entry point",
            DiagnosticCategories.Usage,
            DiagnosticSeverity.Warning,
            description: "ProcessEntry.Guard() only guards when it is the first statement of the program's entry point: by the " +
                "time any other method runs, the code before it has already run in the child. In a class library or a test " +
                "method it does nothing useful; the executable's own entry point must hold it.");

        /// <summary>MP0010. Argument: the target's name.</summary>
        public static readonly DiagnosticDescriptor TargetStartsItself = Create(
            DiagnosticIds.TargetStartsItself,
            title: "Process target starts itself unconditionally",
            messageFormat: "Process target '{0}' starts itself unconditionally: every child starts another child until the machine runs out of processes; start it only under a condition that ends the recursion",
            DiagnosticCategories.Reliability,
            DiagnosticSeverity.Warning,
            description: "Starting other processes from a target is legal, and so is a target that starts itself under a " +
                "condition (a depth that decreases to a base case). A target that always starts itself is a spawn bomb.");

        /// <summary>MP0011. Arguments: the target's name, field or property, the member's name.</summary>
        public static readonly DiagnosticDescriptor StaticStateIsNotShared = Create(
            DiagnosticIds.StaticStateIsNotShared,
            title: "Static state is not shared with child processes",
            messageFormat: "Process target '{0}' reads static {1} '{2}', which other code assigns: a child process sees its initial value, not the parent's; pass the value to the target as an argument",
            DiagnosticCategories.Reliability,
            DiagnosticSeverity.Warning,
            description: "A child process is a new process: its static fields start from their initializers, whatever the " +
                "parent assigned before starting it. A target that reads a static the parent assigns silently sees the " +
                "initial value (Python's 'global that is not shared'). Pass the value as an argument, or use a shared " +
                "object from the runtime.",
            WellKnownDiagnosticTags.CompilationEnd);

        /// <summary>MP0012 for a child. Argument: the stub that started it.</summary>
        public static readonly DiagnosticDescriptor ChildProcessNotJoined = Create(
            DiagnosticIds.ProcessNotJoinedOrDisposed,
            title: ProcessNotJoinedTitle,
            messageFormat: "The child process started by '{0}' is never joined, awaited or disposed: join or await it, so that the parent sees it end and learns whether its target failed",
            DiagnosticCategories.Reliability,
            DiagnosticSeverity.Warning,
            description: ProcessNotJoinedDescription);

        /// <summary>MP0012 for a pool. Argument: the variable or the expression.</summary>
        public static readonly DiagnosticDescriptor ProcessPoolNotDisposed = Create(
            DiagnosticIds.ProcessNotJoinedOrDisposed,
            title: ProcessNotJoinedTitle,
            messageFormat: "Process pool '{0}' is never disposed: its worker processes outlive their use; declare it with 'await using' (or 'using')",
            DiagnosticCategories.Reliability,
            DiagnosticSeverity.Warning,
            description: ProcessNotJoinedDescription);

        /// <summary>MP0013. Arguments: the target's name, the type, its accessibility, the type's part ("its containing type", "a type in its signature").</summary>
        public static readonly DiagnosticDescriptor ContainingTypeNotReachable = Create(
            DiagnosticIds.ContainingTypeNotReachable,
            title: "Type containing a process target, or in its signature, must not be private or protected",
            messageFormat: "Process target '{0}' cannot be reached from the generated dispatch table: {3} '{1}' is {2}; make it internal or public, without 'file'",
            DiagnosticCategories.Usage,
            DiagnosticSeverity.Error,
            description: "The generator registers every target of the assembly in one dispatch table, a separate class that " +
                "must be able to name the target's descriptor, a public class whose base names the parameter and result types. " +
                "A private or protected nested type, or a file-local type, cannot be named there, so the generator emits nothing for such a target.");

        /// <summary>MP0014. No arguments.</summary>
        public static readonly DiagnosticDescriptor TestPlatformGeneratesEntryPoint = Create(
            DiagnosticIds.TestPlatformGeneratesEntryPoint,
            title: "Test project that starts processes needs its own entry point",
            messageFormat: "The test platform generates this project's entry point, so a child process would run the test session again: set <GenerateTestingPlatformEntryPoint>false</GenerateTestingPlatformEntryPoint> and write a Main that calls ProcessEntry.Guard() first",
            DiagnosticCategories.Usage,
            DiagnosticSeverity.Error,
            description: "A child process is the test executable started again. When the test platform generates the entry point " +
                "(Microsoft.Testing.Platform, MSTest, xUnit, NUnit), nothing can call ProcessEntry.Guard() before the test " +
                "session starts, so every child runs the whole test session instead of its target. Turn the generated entry " +
                "point off and write a Main that calls ProcessEntry.Guard() first, then starts the test application.",
            WellKnownDiagnosticTags.CompilationEnd);

        /// <summary>
        /// MP0015. Arguments: the type, what holds the name ("it declares a field named 'Targets'", or "its class Targets
        /// declares a field named 'Work', which the descriptor of target 'Work' needs").
        /// </summary>
        public static readonly DiagnosticDescriptor TargetsNameTaken = Create(
            DiagnosticIds.TargetsNameTaken,
            title: "Type containing process targets declares its own member named 'Targets'",
            messageFormat: "'{0}' has process targets, whose generated descriptors go in '{0}.Targets', but {1}; rename it",
            DiagnosticCategories.Usage,
            DiagnosticSeverity.Error,
            description: "The generator puts the descriptors of a type's process targets in a nested partial class named " +
                "Targets (Workers.Targets.Square.Start(...)). A method, field, property, event, record, non-partial type or " +
                "private or protected class of that name would clash with it, as would the type's own name being Targets, so " +
                "the generator emits nothing for the type's targets. In a partial class Targets of your own, a member with a " +
                "target's name would clash with that target's descriptor, which the generator then leaves out.");

        private const string ProcessNotJoinedTitle = "Child process not joined or process pool not disposed";

        private const string ProcessNotJoinedDescription =
            "Python's advice is to always join the processes you start and to use a pool in a 'with' block. A child that " +
            "is never joined or awaited fails silently, and the parent cannot tell when it ended; a pool that is never " +
            "disposed keeps its workers alive. Await the child, call Join/JoinAsync, dispose it, or hand it on (return it, " +
            "store it, pass it to a method); declare pools with 'await using'. Daemon children (ProcessOptions.Daemon) are " +
            "exempt: they are not meant to be joined.";

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
