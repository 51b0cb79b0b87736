using Compacts.Domain.Reminders;

namespace Compacts.Functions.Reminders;

/// <summary>
/// Sends a mail at most once per ledger key (<see cref="MailLedger"/>): claims the key, composes the text (only then), sends it
/// and records it sent or failed. A failed mail is tried again by whoever owes it next (the daily run).
/// </summary>
public sealed partial class LedgerMailer(MailLedger ledger, IMailSender sender, ILogger<LedgerMailer> logger)
{
    public async Task<MailOutcome> SendOnceAsync(LedgerKey key, IReadOnlyList<string> recipients, Func<MailText> compose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(compose);
        if (recipients.Count == 0)
        {
            LogNoRecipients(logger, key.ToString());
            return MailOutcome.Skipped;
        }

        if (await ledger.ClaimAsync(key, cancellationToken) is not Claim.Granted claim)
        {
            return MailOutcome.Skipped;
        }

        var result = await sender.SendAsync(new OutgoingMail(key, recipients, compose()), cancellationToken);
        if (result.Sent)
        {
            await ledger.MarkSentAsync(key, claim.ETag, result.MessageId, recipients, cancellationToken);
            return MailOutcome.Sent;
        }

        await ledger.MarkFailedAsync(key, claim.ETag, result.Error ?? "unknown", cancellationToken);
        LogFailed(logger, key.ToString(), claim.Attempt, result.Error ?? "unknown");
        return MailOutcome.Failed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {LedgerKey} has no recipients: the unit has no addresses or reporters")]
    private static partial void LogNoRecipients(ILogger logger, string ledgerKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {LedgerKey} failed (attempt {Attempt}); a later run tries again: {Error}")]
    private static partial void LogFailed(ILogger logger, string ledgerKey, int attempt, string error);
}
