namespace Compacts.Functions.Reminders;

public sealed record MailLedgerResponse(string CompactId, Period Period, IReadOnlyList<MailRecord> Mails);
