namespace Compacts.Functions.Year;

/// <summary>A unit's years, newest first.</summary>
public sealed record UnitHistoryResponse(string UnitId, IReadOnlyList<UnitYear> Years);
