namespace Compacts.Domain.Ballots;

/// <summary>The three ballot mails, each sent once to each unit it concerns (docs/ballots.md, "Mail").</summary>
public enum BallotMailKind
{
    /// <summary>The ballot is open: to each unit of the electorate, while it is open.</summary>
    Opened,

    /// <summary>A day before closesAt: to each unit of the electorate that has not voted.</summary>
    Closing,

    /// <summary>The result: to each unit of the electorate, once closed.</summary>
    Result,
}

/// <summary>Which ballot mails are owed, and to whom.</summary>
public static class BallotMail
{
    /// <summary>How long before closesAt the reminder goes to the units that have not voted.</summary>
    public static readonly TimeSpan ClosingNotice = TimeSpan.FromDays(1);

    /// <summary>The ledger kind of a ballot mail: one per ballot (<c>ballotOpened-suy-ton-2024</c>).</summary>
    public static string KindKey(BallotMailKind kind, string ballotId) => $"ballot{kind}-{ballotId}";

    /// <summary>The mails owed at <paramref name="now"/>, as (kind, unit), in electorate order.</summary>
    public static IEnumerable<(BallotMailKind Kind, string UnitId)> Owed(Ballot ballot, BallotTally tally, bool closed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        ArgumentNullException.ThrowIfNull(tally);
        if (closed)
        {
            return ballot.Electorate.Select(u => (BallotMailKind.Result, u));
        }

        if (ballot.IsDue(now))
        {
            return []; // counted as closed: the result is owed once the close is written
        }

        var opened = ballot.Electorate.Select(u => (BallotMailKind.Opened, u));
        return now >= ballot.ClosesAt - ClosingNotice
            ? opened.Concat(ballot.Electorate.Where(u => !tally.HasVoted(u)).Select(u => (BallotMailKind.Closing, u)))
            : opened;
    }
}
