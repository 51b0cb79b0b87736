namespace Compacts.Domain.Ballots;

/// <summary>
/// A secret ballot of a compact (bỏ phiếu kín), as opened: built only by <see cref="BallotValidator"/>. The electorate is the compact's
/// members at the opening, fixed; a candidate is elected when its votes exceed <see cref="Threshold"/> × the ballots cast.
/// </summary>
public sealed record Ballot(
    string BallotId,
    string Title,
    int Seats,
    IReadOnlyList<string> Candidates,
    DateTimeOffset ClosesAt,
    bool AllowSelfVote,
    decimal Threshold,
    IReadOnlyList<string> Electorate,
    DateTimeOffset OpenedAt,
    string OpenedBy)
{
    /// <summary>Past <see cref="ClosesAt"/> a ballot counts as closed, whether or not the close has been written yet.</summary>
    public bool IsDue(DateTimeOffset now) => now >= ClosesAt;

    public bool InElectorate(string unitId) => Electorate.Contains(unitId, StringComparer.Ordinal);
}
