using Compacts.Domain.Review;

namespace Compacts.Domain.Reminders;

/// <summary>
/// What the review reminders know of one present report: its unit, its review state, when it last entered
/// <see cref="ReviewState.Submitted"/> (server time), and, while <see cref="ReviewState.Returned"/>, the returning review and its time.
/// </summary>
public sealed record ReportReviewStatus(string UnitId, ReviewState State, DateTimeOffset? SubmittedAt, string? ReturnReviewId, DateTimeOffset? ReturnedAt);
