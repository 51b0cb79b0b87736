namespace Compacts.Functions.Reminders;

/// <summary>One queue message: run the reminders of this compact (for the admin's run <see cref="RunId"/>, if set).</summary>
public sealed record ReminderWork(string CompactId)
{
    public string? RunId { get; init; }

    /// <summary>The trace that enqueued it (set by <see cref="Storage.WorkQueue{TMessage}"/>).</summary>
    public string? TraceParent { get; init; }
}
