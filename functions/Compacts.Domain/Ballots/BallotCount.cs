namespace Compacts.Domain.Ballots;

/// <summary>
/// The count at the close. A candidate is eligible when its votes exceed threshold × cast, compared exactly in decimal (0.5 × 4 = 2,
/// so 2 votes of 4 are not more than half). At most seats eligible candidates are elected, by votes. When candidates with equal votes
/// compete for the last seat(s), the better December rank goes first (a candidate without a rank after every ranked one); candidates
/// still equal in votes and rank who do not all fit leave their seat(s) empty and are listed in <c>tie</c>.
/// </summary>
public static class BallotCount
{
    /// <param name="ranks">Each unit's rank in the latest December run at the close (absent: not ranked); null when there is no such run.</param>
    public static BallotResult Compute(Ballot ballot, BallotTally tally, IReadOnlyDictionary<string, int>? ranks, string? rankRunId)
    {
        var counts = tally.CountsByCandidate(ballot);
        decimal cast = tally.Cast;
        var eligible = ballot.Candidates
            .Where(c => counts[c] > ballot.Threshold * cast)
            .OrderByDescending(c => counts[c])
            .ToList();
        var elected = new List<string>();
        List<string>? tie = null;
        foreach (var sameVotes in eligible.GroupBy(c => counts[c]))
        {
            var free = ballot.Seats - elected.Count;
            if (free <= 0)
            {
                break;
            }

            if (sameVotes.Count() <= free)
            {
                elected.AddRange(sameVotes.OrderBy(c => RankKey(ranks, c)));
                continue;
            }

            // Equal votes for fewer seats: the December rank decides, group by group; a group that does not fit stays out whole.
            foreach (var sameRank in sameVotes.GroupBy(c => RankKey(ranks, c)).OrderBy(g => g.Key))
            {
                free = ballot.Seats - elected.Count;
                if (free <= 0)
                {
                    break;
                }

                if (sameRank.Count() <= free)
                {
                    elected.AddRange(sameRank);
                    continue;
                }

                tie = [.. sameRank];
                break;
            }

            break;
        }

        return new BallotResult(tally.Cast, tally.Blank, counts, elected, tie, rankRunId);
    }

    /// <summary>A ranked unit's rank; every unit without a rank after all ranked ones, equal among themselves.</summary>
    private static int RankKey(IReadOnlyDictionary<string, int>? ranks, string unitId) =>
        ranks is not null && ranks.TryGetValue(unitId, out var rank) ? rank : int.MaxValue;
}
