namespace Compacts.Functions.Reports;

public sealed record PeriodReportsResponse(
    string CompactId, Period Period, DateTimeOffset DueAt, IReadOnlyList<ReportRevision> Reports, IReadOnlyList<string> Missing);
