namespace Compacts.Domain.Tests.Reference;

/// <summary>
/// A criterion. Type is "quantitative", "qualitative", "occurrence" or "adjustment"; the other
/// fields are used by the types the spec gives them to (null elsewhere):
/// quantitative: MaxPoints, Direction ("increase"|"decrease"), Measure ("absolute"|"percentChange"),
/// Accrual ("cumulative"|"rate"), Method ("linear"|"leaderRelative"), Targets (unitId -> target);
/// qualitative: MaxPoints; occurrence: MaxPoints, PointsEach; adjustment: Min, Max.
/// </summary>
public sealed record RefCriterion(
    string Id,
    string Type,
    BigRational? MaxPoints = null,
    string? Direction = null,
    string? Measure = null,
    string? Accrual = null,
    string? Method = null,
    IReadOnlyDictionary<string, RefTarget>? Targets = null,
    BigRational? PointsEach = null,
    BigRational? Min = null,
    BigRational? Max = null);
