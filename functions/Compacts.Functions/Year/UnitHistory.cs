using Compacts.Functions.Ballots;
using Compacts.Functions.Compacts;
using Compacts.Functions.Standings;

namespace Compacts.Functions.Year;

/// <summary>A unit's history across the compacts it is a member of: each year's December result and the ballots it was elected in.</summary>
public sealed class UnitHistory(CompactStore compacts, StandingsStore standings, BallotService ballots)
{
    public async Task<UnitHistoryResponse> ReadAsync(string unitId, CancellationToken cancellationToken)
    {
        var years = new List<UnitYear>();
        foreach (var stored in (await compacts.ListAsync(cancellationToken)).Where(c => c.Compact.IsMember(unitId)))
        {
            var compact = stored.Compact;
            var run = await standings.GetLatestRunAsync(stored.CompactId, new Period(compact.Year, 12), cancellationToken);
            var row = run?.Rows.FirstOrDefault(r => r.UnitId == unitId);
            var titles = (await ballots.ListAsync(stored.CompactId, compact, cancellationToken))
                .Where(b => b.Result?.Elected.Contains(unitId) == true)
                .Select(b => b.Ballot.Title)
                .ToList();
            years.Add(new UnitYear(compact.Year, stored.CompactId, compact.Title, compact.Status, run?.Status, row?.Rank, row?.Score, row?.NotRanked ?? false, titles));
        }

        return new UnitHistoryResponse(unitId, [.. years.OrderByDescending(y => y.Year).ThenBy(y => y.CompactId, StringComparer.Ordinal)]);
    }
}
