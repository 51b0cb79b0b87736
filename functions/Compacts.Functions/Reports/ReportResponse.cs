namespace Compacts.Functions.Reports;

/// <summary>A report as GET answers it: its current revision and its review.</summary>
public sealed record ReportResponse(
    string CompactId,
    Period Period,
    string UnitId,
    int Revision,
    DateTimeOffset ReceivedAt,
    bool Late,
    IReadOnlyDictionary<string, ReportValue> Values,
    string? Note,
    string SubmittedBy,
    ReviewSummary Review)
{
    public static ReportResponse From(ReportRevision r, ReviewStatus status) => new(
        r.CompactId, r.Period, r.UnitId, r.Revision, r.ReceivedAt, r.Late, r.Values, r.Note, r.SubmittedBy,
        new ReviewSummary(status.State, r.Revision, status.LastReview, status.ConfirmedValues ?? r.Values));
}
