using Compacts.Domain.Reminders;
using Compacts.Functions.Units;
using Compacts.Functions.Users;

namespace Compacts.Functions.Reminders;

/// <summary>
/// The review mails (docs/review.md, "Mail"), each sent once through the ledger under
/// <c>{compactId}_{period}</c> / <c>{mail.KindKey}_{mail.UnitId}</c>: <see cref="SendAsync"/> right after a return, an answer or
/// a confirm with corrections commits; <see cref="SendOwedAsync"/> from the daily run for the timed ones
/// (<see cref="ReviewReminderPolicy"/>); <see cref="SendAllAsync"/> for any list (e.g. the event mails a failed send left owed).
/// </summary>
public sealed class ReviewMailer(LedgerMailer mailer, UnitStore units, UserStore users, PortalLinks portal)
{
    public async Task<MailOutcome> SendAsync(string compactId, Compact compact, ReviewMail mail, CancellationToken cancellationToken) =>
        await Send(compactId, compact, mail, await MailDirectory.LoadAsync(units, users, cancellationToken), cancellationToken);

    public async Task<ReminderRunSummary> SendAllAsync(string compactId, Compact compact, IEnumerable<ReviewMail> mails, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mails);
        var summary = ReminderRunSummary.None;
        MailDirectory? directory = null; // read only when a mail is owed
        foreach (var mail in mails)
        {
            directory ??= await MailDirectory.LoadAsync(units, users, cancellationToken);
            summary = summary.Add(await Send(compactId, compact, mail, directory, cancellationToken));
        }

        return summary;
    }

    /// <summary>
    /// The timed mails a compact owes at <paramref name="now"/>: reads the months in play through <paramref name="month"/> (its
    /// review statuses, and whether a final run exists), asks the policy, sends.
    /// </summary>
    public async Task<ReminderRunSummary> SendOwedAsync(
        string compactId, Compact compact, DateTimeOffset now, Func<Period, CancellationToken, Task<ReviewMonth>> month, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(month);
        var months = new List<ReviewMonth>();
        foreach (var period in ReviewReminderPolicy.MonthsInPlay(compact, now))
        {
            months.Add(await month(period, cancellationToken));
        }

        return await SendAllAsync(compactId, compact, ReviewReminderPolicy.Owed(compact, now, months), cancellationToken);
    }

    private Task<MailOutcome> Send(string compactId, Compact compact, ReviewMail mail, MailDirectory directory, CancellationToken cancellationToken) =>
        mailer.SendOnceAsync(
            LedgerKey.Of(compactId, mail),
            directory.AddressesOf(mail.UnitId),
            () => MailComposer.Compose(mail, new MailContext(compactId, compact, directory.Names, portal)),
            cancellationToken);
}
