namespace Compacts.Functions.Reminders;

public sealed record ReminderRunSummary(int Owed, int Sent, int Failed, int Skipped)
{
    public static readonly ReminderRunSummary None = new(0, 0, 0, 0);

    public ReminderRunSummary Add(ReminderRunSummary other) =>
        new(Owed + other.Owed, Sent + other.Sent, Failed + other.Failed, Skipped + other.Skipped);
}
