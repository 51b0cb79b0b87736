namespace Compacts.Domain.Ballots;

/// <summary>The candidates one unit's ballot names, in the ballot's candidate order; none is a blank ballot.</summary>
public sealed record VoteChoices(IReadOnlyList<string> Candidates)
{
    public bool IsBlank => Candidates.Count == 0;
}
