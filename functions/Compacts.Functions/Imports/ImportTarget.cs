namespace Compacts.Functions.Imports;

/// <summary>Who imports into which compact's month: what the import's checks and its revisions need of the request.</summary>
public sealed record ImportTarget(Caller Caller, string CompactId, Compact Compact, CompactCalendar Calendar, Period Period);
