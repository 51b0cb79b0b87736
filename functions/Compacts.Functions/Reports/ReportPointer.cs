namespace Compacts.Functions.Reports;

/// <summary>A report's current revision with the time its first revision was received (which decides lateness).</summary>
public sealed record ReportPointer(ReportRevision Current, DateTimeOffset FirstReceivedAt);
