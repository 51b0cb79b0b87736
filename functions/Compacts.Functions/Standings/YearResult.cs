namespace Compacts.Functions.Standings;

/// <summary>December's latest run and the latest run of each month (null where none), January first.</summary>
public sealed record YearResult(StandingsRun December, IReadOnlyList<StandingsRun?> Months)
{
    /// <summary>The year as the API answers it: December's rows in rank order, each with its twelve months.</summary>
    public YearResponse ToResponse() => new(December.CompactId, December.Period.Year, December.RunId, December.ComputedAt, December.Status,
        [.. December.Rows.Select(row => new YearRow(row.Rank, row.UnitId, row.UnitName, row.Score, row.NotRanked,
            [.. Months.Select(run => run?.Rows.FirstOrDefault(r => r.UnitId == row.UnitId) is { Rank: { } rank, Score: { } score } ? new MonthResult(score, rank) : null)]))]);

    /// <summary>Reads the latest run of each month of <paramref name="year"/>; null when December has none.</summary>
    public static async Task<YearResult?> ReadAsync(StandingsStore store, string compactId, int year, CancellationToken cancellationToken)
    {
        var months = new StandingsRun?[12];
        await Parallel.ForEachAsync(Enumerable.Range(1, 12), cancellationToken, async (month, token) =>
        {
            months[month - 1] = await store.GetLatestRunAsync(compactId, new Period(year, month), token);
        });
        return months[11] is { } december ? new YearResult(december, months) : null;
    }
}
