namespace Compacts.Domain.Ballots;

/// <summary>Who votes: any user of a unit in the electorate, whichever of its users casts the unit's one ballot. Admins do not vote.</summary>
public static class BallotAccess
{
    public static bool MayVote(Caller caller, Ballot ballot) =>
        !caller.IsAdmin && caller.UnitId is { } unit && ballot.InElectorate(unit);

    public const string VoteRefusal = "Only the users of a unit in the ballot's electorate vote (admins do not).";
}
