namespace Multiprocessing;

/// <summary>
/// Marks a <see langword="static"/> method that can run in a child process. The source generator emits a typed
/// descriptor for it, <c>ContainingType.Targets.MethodName</c>, whose <c>Start(...)</c> stub takes the method's own
/// parameters and starts a child process that runs the method.
/// </summary>
/// <remarks>
/// The method must be <see langword="static"/>, declared in a <see langword="partial"/>, non-generic type, and its
/// parameters and result must cross a process boundary (they are serialized). The program's entry point must call
/// <see cref="ProcessEntry.Guard"/> first: a child is the same program, re-executed.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class ProcessTargetAttribute : Attribute
{
}
