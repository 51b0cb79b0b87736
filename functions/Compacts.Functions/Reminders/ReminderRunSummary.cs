namespace Compacts.Functions.Reminders;

public sealed record ReminderRunSummary(int Owed, int Sent, int Failed, int Skipped)
{
    public static readonly ReminderRunSummary None = new(0, 0, 0, 0);

    public ReminderRunSummary Add(ReminderRunSummary other) =>
        new(Owed + other.Owed, Sent + other.Sent, Failed + other.Failed, Skipped + other.Skipped);

    /// <summary>One more owed mail, with what became of it.</summary>
    public ReminderRunSummary Add(MailOutcome outcome) => new(
        Owed + 1,
        Sent + (outcome == MailOutcome.Sent ? 1 : 0),
        Failed + (outcome == MailOutcome.Failed ? 1 : 0),
        Skipped + (outcome == MailOutcome.Skipped ? 1 : 0));
}
