using Compacts.Functions.Reports;

namespace Compacts.Functions.Reviews;

public sealed record ReviewsResponse(string CompactId, Period Period, string UnitId, IReadOnlyList<StoredReview> Reviews);
