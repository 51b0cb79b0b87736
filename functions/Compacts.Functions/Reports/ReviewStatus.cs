using Compacts.Domain.Review;

namespace Compacts.Functions.Reports;

/// <summary>
/// The review part of a report's pointer row: its state, when it last entered <c>submitted</c> (server time), whether its month is
/// locked for the final run, how many history events it has, its last review and, when confirmed, the values that count.
/// </summary>
public sealed record ReviewStatus(
    ReviewState State,
    DateTimeOffset? SubmittedAt,
    bool Locked,
    int Events,
    StoredReview? LastReview,
    IReadOnlyDictionary<string, ReportValue>? ConfirmedValues)
{
    /// <summary>The status of a report written before reviews existed: submitted when received, no events stored.</summary>
    public static ReviewStatus Legacy(DateTimeOffset receivedAt) => new(ReviewState.Submitted, receivedAt, false, 0, null, null);
}
