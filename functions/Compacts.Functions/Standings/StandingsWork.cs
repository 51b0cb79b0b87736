namespace Compacts.Functions.Standings;

/// <summary>One queue message: compute the standings of this compact and month.</summary>
public sealed record StandingsWork(string CompactId, string Period)
{
    /// <summary>The trace that enqueued it (set by <see cref="Storage.WorkQueue{TMessage}"/>).</summary>
    public string? TraceParent { get; init; }
}
