using Compacts.Domain.Review;

namespace Compacts.Functions.Reports;

/// <summary>A review as stored and answered: immutable once written.</summary>
public sealed record StoredReview(
    string ReviewId,
    int Revision,
    ReviewDecision Decision,
    string Comment,
    IReadOnlyDictionary<string, ReviewItem> Items,
    string ReviewedBy,
    DateTimeOffset ReviewedAt);
