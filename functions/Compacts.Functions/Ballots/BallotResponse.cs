using Compacts.Domain.Ballots;

namespace Compacts.Functions.Ballots;

/// <summary>
/// A ballot as members read it: the roll (<paramref name="Voted"/>) at any time, the counts only in <paramref name="Result"/>, which is
/// null until the close. <paramref name="Closed"/> is true from closesAt on, even before the close is written.
/// </summary>
public sealed record BallotResponse(
    string CompactId,
    string BallotId,
    string Title,
    int Seats,
    IReadOnlyList<string> Candidates,
    DateTimeOffset ClosesAt,
    bool AllowSelfVote,
    decimal Threshold,
    IReadOnlyList<string> Electorate,
    IReadOnlyList<string> Voted,
    bool Closed,
    DateTimeOffset? ClosedAt,
    BallotResult? Result)
{
    public static BallotResponse Of(StoredBallot stored, DateTimeOffset now) => new(
        stored.CompactId, stored.Ballot.BallotId, stored.Ballot.Title, stored.Ballot.Seats, stored.Ballot.Candidates, stored.Ballot.ClosesAt,
        stored.Ballot.AllowSelfVote, stored.Ballot.Threshold, stored.Ballot.Electorate, stored.Tally.Voted, stored.IsClosed(now), stored.ClosedAt,
        stored.Result);
}
