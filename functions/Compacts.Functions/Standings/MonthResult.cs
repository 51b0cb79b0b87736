namespace Compacts.Functions.Standings;

/// <summary>A unit's score and rank in one month's latest run.</summary>
public sealed record MonthResult(decimal Score, int Rank);
