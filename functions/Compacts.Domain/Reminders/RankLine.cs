namespace Compacts.Domain.Reminders;

/// <summary>One unit's line in the final notice.</summary>
public sealed record RankLine(int? Rank, decimal? Score, int RankedCount, bool NotRanked);
