namespace Compacts.Functions.Standings;

/// <summary>
/// One unit's year: its December rank and score (none when it is not ranked in December) and <paramref name="Months"/>, twelve
/// entries, January first, each null where the unit was not ranked or the month has no run.
/// </summary>
public sealed record YearRow(int? Rank, string UnitId, string UnitName, decimal? Score, bool NotRanked, IReadOnlyList<MonthResult?> Months);
