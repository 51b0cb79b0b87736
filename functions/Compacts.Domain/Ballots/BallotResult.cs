namespace Compacts.Domain.Ballots;

/// <summary>
/// The count, computed once at the close: ballots cast (blank ones included), blank ballots, votes per candidate, the candidates
/// elected (by votes, then by the December rank for a tie on the last seat), and the candidates still tied for a seat left empty.
/// <paramref name="RankRunId"/> is the December standings run whose ranks were read (null when there was none).
/// </summary>
public sealed record BallotResult(
    int Cast,
    int Blank,
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyList<string> Elected,
    IReadOnlyList<string>? Tie,
    string? RankRunId);
