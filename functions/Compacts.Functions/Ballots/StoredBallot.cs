using Compacts.Domain.Ballots;

namespace Compacts.Functions.Ballots;

/// <summary>
/// A ballot as stored: its definition, the tally, and once closed the instant, who closed it and the result. <see cref="VoteIds"/> holds,
/// per unit on the roll, the random receipt of the request that put it there (nothing derived from its choices), so a vote whose
/// reply was lost knows it was stored.
/// </summary>
public sealed record StoredBallot(string CompactId, Ballot Ballot, BallotTally Tally, DateTimeOffset? ClosedAt, string? ClosedBy, BallotResult? Result)
{
    public IReadOnlyDictionary<string, string> VoteIds { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public bool Closed => ClosedAt is not null;

    /// <summary>Closed, or past closesAt (counted as closed even before the close is written).</summary>
    public bool IsClosed(DateTimeOffset now) => Closed || Ballot.IsDue(now);

    /// <summary>Open, and either past closesAt or voted by the whole electorate: the close is owed.</summary>
    public bool CloseOwed(DateTimeOffset now) => !Closed && (Ballot.IsDue(now) || Tally.EveryoneVoted(Ballot));
}
