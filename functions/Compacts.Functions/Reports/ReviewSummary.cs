using Compacts.Domain.Review;

namespace Compacts.Functions.Reports;

/// <param name="Values">The values that count for scoring: the confirming review's for a confirmed report, else the reported ones.</param>
public sealed record ReviewSummary(ReviewState State, int Revision, StoredReview? LastReview, IReadOnlyDictionary<string, ReportValue> Values);
