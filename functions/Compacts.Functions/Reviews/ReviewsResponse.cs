using Compacts.Functions.Reports;

namespace Compacts.Functions.Reviews;

/// <summary>A report's reviews and the unit's explanations, each oldest first.</summary>
public sealed record ReviewsResponse(string CompactId, Period Period, string UnitId, IReadOnlyList<StoredReview> Reviews, IReadOnlyList<StoredExplanation> Explanations);
