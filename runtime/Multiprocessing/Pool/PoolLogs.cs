
namespace Multiprocessing.Pool;

/// <summary>What the parent and a worker share about the worker's task and result logs.</summary>
internal static class PoolLogs
{
    /// <summary>Small segments: a pool's messages are small, and the pages the logs touch count in every worker's memory.</summary>
    public const int SegmentSize = 256 << 10;

    public const long TaskLogType = 0x7473_6B73_6154_6C50; // "PlTasks"
    public const long ResultLogType = 0x746C_7573_6552_6C50; // "PlResult"
}
