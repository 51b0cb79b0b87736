namespace Compacts.Functions.Ballots;

/// <summary>Section <c>Ballots</c>.</summary>
public sealed class BallotOptions
{
    public const string SectionName = "Ballots";

    /// <summary>
    /// NCRONTAB (six fields, UTC) of the timer that closes ballots at their closesAt (or once everyone voted) and sends the ballot mails;
    /// read by the host as <c>%Ballots:Schedule%</c>. Every minute by default: a ballot counts as closed from closesAt on either way,
    /// the timer only writes the close and its result then.
    /// </summary>
    public string Schedule { get; set; } = "0 * * * * *";
}
