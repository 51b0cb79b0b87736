using Compacts.Domain;
using Compacts.Functions.Standings;

namespace Compacts.Functions.Year;

/// <summary>
/// One year of a unit's history: the compact and whether it is still a draft, December's latest run's status (null: no December
/// run yet), the unit's rank and score in it (none when not ranked), and the titles it won (the ballots that elected it).
/// </summary>
public sealed record UnitYear(
    int Year, string CompactId, string Title, CompactStatus CompactStatus, RunStatus? Status, int? Rank, decimal? Score, bool NotRanked,
    IReadOnlyList<string> TitlesWon);
