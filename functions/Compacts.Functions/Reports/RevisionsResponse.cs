namespace Compacts.Functions.Reports;

public sealed record RevisionsResponse(string CompactId, Period Period, string UnitId, IReadOnlyList<ReportRevision> Revisions);
