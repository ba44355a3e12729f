namespace Multiprocessing;

/// <summary>
/// Marks an API that starts child processes, so the analyzer can tell when a process is created outside the
/// guarded entry (MP0007). Generated <c>Start</c> stubs carry it too.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, Inherited = false, AllowMultiple = false)]
public sealed class CreatesProcessAttribute : Attribute
{
}
