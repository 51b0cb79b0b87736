using System.Text.RegularExpressions;

namespace Compacts.Functions.Reminders;

/// <summary>A requested reminder run as the API shows it: how many compacts were planned and are done, and the mails so far.</summary>
public sealed record ReminderRun(
    string RunId, DateTimeOffset RequestedAt, string RequestedBy, string Status, int Planned, int Done, int Owed, int Sent, int Failed, int Skipped,
    IReadOnlyList<ReminderRunCompact> Compacts);
