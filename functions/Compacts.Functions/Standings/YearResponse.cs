namespace Compacts.Functions.Standings;

/// <summary>
/// The year's result (docs/api.md, "The year"): the latest run of December (its status says whether it is final) and, per unit in
/// its rank order, the twelve months' scores and ranks from each month's latest run.
/// </summary>
public sealed record YearResponse(string CompactId, int Year, string RunId, DateTimeOffset ComputedAt, RunStatus Status, IReadOnlyList<YearRow> Rows);
