namespace Compacts.DevHost;

/// <summary>
/// <c>extensions.queues</c> of host.json, with the Functions host's defaults. <see cref="VisibilityTimeout"/> is, as in the host,
/// how long a failed message stays invisible before its next try; while a function runs, its message is held by a lease
/// (<see cref="HostSettings.MessageLease"/>) that is renewed until it ends.
/// </summary>
public sealed record QueueSettings(TimeSpan VisibilityTimeout, int MaxDequeueCount, int BatchSize, int NewBatchThreshold, TimeSpan MaxPollingInterval)
{
    public static readonly QueueSettings Defaults = new(TimeSpan.Zero, 5, 16, 8, TimeSpan.FromMinutes(1));
}
