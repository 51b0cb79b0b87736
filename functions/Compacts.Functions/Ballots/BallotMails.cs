using Compacts.Domain.Ballots;
using Compacts.Domain.Reminders;
using Compacts.Functions.Reminders;
using Compacts.Functions.Units;
using Compacts.Functions.Users;

namespace Compacts.Functions.Ballots;

/// <summary>
/// The ballot mails through the mail ledger, each once (<see cref="BallotMail"/>): under <c>{compactId}_{year}-12</c> /
/// <c>ballot{Kind}-{ballotId}_{unitId}</c>, so the December ledger of the compact lists them. Right after the opening and the
/// close; and from the ballot timer, which sends what is owed and not yet sent (a failed send, the day-before reminder).
/// </summary>
public sealed partial class BallotMails(
    LedgerMailer mailer, MailLedger ledger, UnitStore units, UserStore users, PortalLinks portal, TimeProvider time, ILogger<BallotMails> logger)
{
    /// <summary>The ledger partition of a compact's ballot mails: its December.</summary>
    public static Period LedgerPeriod(Compact compact) => new(compact.Year, 12);

    public Task AfterOpenAsync(Compact compact, StoredBallot ballot, CancellationToken cancellationToken) =>
        AfterCommitAsync(compact, ballot, cancellationToken);

    public Task AfterCloseAsync(Compact compact, StoredBallot ballot, CancellationToken cancellationToken) =>
        AfterCommitAsync(compact, ballot, cancellationToken);

    /// <summary>The timer's run for one ballot: every mail owed now that the ledger has not recorded as sent.</summary>
    public async Task<int> SendOwedAsync(Compact compact, StoredBallot ballot, CancellationToken cancellationToken)
    {
        var owed = BallotMail.Owed(ballot.Ballot, ballot.Tally, ballot.Closed, time.GetUtcNow()).ToList();
        if (owed.Count == 0)
        {
            return 0;
        }

        var sent = (await ledger.ListAsync(ballot.CompactId, LedgerPeriod(compact), cancellationToken))
            .Where(m => m.State == "sent")
            .Select(m => (m.Kind, m.UnitId))
            .ToHashSet();
        owed.RemoveAll(m => sent.Contains((BallotMail.KindKey(m.Kind, ballot.Ballot.BallotId), m.UnitId)));
        if (owed.Count == 0)
        {
            return 0;
        }

        var directory = await MailDirectory.LoadAsync(units, users, cancellationToken);
        var context = new MailContext(ballot.CompactId, compact, directory.Names, portal);
        var count = 0;
        foreach (var (kind, unitId) in owed)
        {
            var key = new LedgerKey(ballot.CompactId, LedgerPeriod(compact), BallotMail.KindKey(kind, ballot.Ballot.BallotId), unitId);
            var outcome = await mailer.SendOnceAsync(key, directory.AddressesOf(unitId),
                () => MailComposer.Compose(kind, ballot.Ballot, ballot.Result, unitId, context), cancellationToken);
            count += outcome == MailOutcome.Sent ? 1 : 0;
        }

        return count;
    }

    /// <summary>The change has committed: a failed send must not turn its answer into an error (the timer sends the mail later).</summary>
    private async Task AfterCommitAsync(Compact compact, StoredBallot ballot, CancellationToken cancellationToken)
    {
        try
        {
            await SendOwedAsync(compact, ballot, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogMailDeferred(logger, ballot.CompactId, ballot.Ballot.BallotId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ballot mails of {CompactId}/{BallotId} not sent now; the ballot timer sends them")]
    private static partial void LogMailDeferred(ILogger logger, string compactId, string ballotId, Exception exception);
}
