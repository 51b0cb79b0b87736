namespace Compacts.Domain.Ballots;

/// <summary>
/// What a ballot keeps while it is open: the roll (the units that have voted, sorted, so it says nothing of the order they voted in),
/// the blank ballots, and the votes per candidate in the ballot's candidate order. Nothing here says which unit chose whom.
/// </summary>
public sealed record BallotTally(IReadOnlyList<string> Voted, int Blank, IReadOnlyList<int> Counts)
{
    public static BallotTally Empty(Ballot ballot) => new([], 0, new int[ballot.Candidates.Count]);

    public int Cast => Voted.Count;

    public bool HasVoted(string unitId) => Voted.Contains(unitId, StringComparer.Ordinal);

    public bool EveryoneVoted(Ballot ballot) => ballot.Electorate.All(HasVoted);

    /// <summary>The tally with one more ballot, of <paramref name="unitId"/> (which has not voted yet) for <paramref name="choices"/>.</summary>
    public BallotTally With(Ballot ballot, string unitId, VoteChoices choices)
    {
        if (HasVoted(unitId))
        {
            throw new InvalidOperationException($"Unit '{unitId}' has voted already.");
        }

        var counts = Counts.ToArray();
        foreach (var candidate in choices.Candidates)
        {
            counts[IndexOf(ballot, candidate)]++;
        }

        return new([.. Voted.Append(unitId).Order(StringComparer.Ordinal)], Blank + (choices.IsBlank ? 1 : 0), counts);
    }

    /// <summary>Votes per candidate id.</summary>
    public IReadOnlyDictionary<string, int> CountsByCandidate(Ballot ballot) =>
        ballot.Candidates.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => Counts[p.i], StringComparer.Ordinal);

    private static int IndexOf(Ballot ballot, string candidate)
    {
        for (var i = 0; i < ballot.Candidates.Count; i++)
        {
            if (ballot.Candidates[i] == candidate)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"'{candidate}' is not a candidate of ballot '{ballot.BallotId}'.");
    }
}
