namespace Compacts.Functions.Reminders;

/// <summary>Section <c>Reminders</c>.</summary>
public sealed class ReminderOptions
{
    public const string SectionName = "Reminders";

    /// <summary>NCRONTAB (UTC) of the daily planner, read by the host as <c>%Reminders:Schedule%</c>: 01:00 UTC is 08:00 in Hà Nội.</summary>
    public string Schedule { get; set; } = "0 0 1 * * *";

    /// <summary>Runs that may try a failed mail again before it is given up.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long a claimed mail is left to its sender before another run may take it over (a crashed run).</summary>
    public int ClaimMinutes { get; set; } = 30;

    /// <summary>Days after a period becomes final within which the result notices are sent.</summary>
    public int FinalNoticeDays { get; set; } = 7;

    /// <summary>The base of the standings link in mails (the portal or the API).</summary>
    public string StandingsLinkBase { get; set; } = "http://localhost:7071/api";
}
