namespace Compacts.Domain.Tests.Reference;

/// <summary>
/// One standings row. Score, Total, Base, Adjustments, Penalty and the per-criterion scores are
/// round2 of their exact values; AssignedMax is exact. For a not-ranked unit: Rank, Score, Total,
/// Base, Adjustments and Exceeded are null and Criteria is empty (AssignedMax, Penalty and
/// LateMonths are still given). Criteria holds every criterion assigned to the unit, adjustments
/// included, keyed by criterion id.
/// </summary>
public sealed record RefRow(
    int? Rank,
    string UnitId,
    bool NotRanked,
    BigRational? Score,
    BigRational? Total,
    BigRational AssignedMax,
    BigRational? Base,
    BigRational? Adjustments,
    BigRational Penalty,
    int LateMonths,
    int? Exceeded,
    IReadOnlyDictionary<string, BigRational> Criteria);
