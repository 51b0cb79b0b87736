namespace Compacts.Functions.Reports;

/// <summary>
/// A report's current revision with the time its first revision was received (which decides lateness), its review status and
/// whether its month is locked for a final run.
/// </summary>
public sealed record ReportPointer(ReportRevision Current, DateTimeOffset FirstReceivedAt, ReviewStatus Review, bool Locked);
