namespace Compacts.Domain.Reminders;

/// <summary>
/// What the review reminders know of one present report: its unit, its review state (<c>submitted</c>, <c>returned</c> or
/// <c>confirmed</c>), when it last entered <c>submitted</c> (server time), and, while <c>returned</c>, the returning review.
/// </summary>
public sealed record ReportReviewStatus(string UnitId, string State, DateTimeOffset? SubmittedAt, string? ReturnReviewId, DateTimeOffset? ReturnedAt)
{
    public const string Submitted = "submitted";
    public const string Returned = "returned";
    public const string Confirmed = "confirmed";
}
