namespace Compacts.Functions.Ballots;

/// <summary>How a vote ended. None of these carries the choices.</summary>
public enum VoteOutcome
{
    /// <summary>Stored.</summary>
    Counted,

    /// <summary>Stored, and the unit was the last of the electorate: the ballot closes now.</summary>
    CountedLast,

    /// <summary>The ballot is closed, or past closesAt.</summary>
    Closed,

    /// <summary>The unit's ballot was cast already (by this user or another of the unit).</summary>
    AlreadyVoted,
}
