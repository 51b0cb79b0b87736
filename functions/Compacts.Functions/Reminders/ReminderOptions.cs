using Microsoft.Extensions.Configuration;

namespace Compacts.Functions.Reminders;

/// <summary>Section <c>Reminders</c>.</summary>
public sealed class ReminderOptions
{
    public const string SectionName = "Reminders";

    /// <summary>The setting that was the base of the standings link before mails linked the portal; still read when <see cref="PortalBaseUrl"/> is not set.</summary>
    public const string LegacyLinkBaseKey = "Reminders:StandingsLinkBase";

    /// <summary>NCRONTAB (UTC) of the daily planner, read by the host as <c>%Reminders:Schedule%</c>: 01:00 UTC is 08:00 in Hà Nội.</summary>
    public string Schedule { get; set; } = "0 0 1 * * *";

    /// <summary>Runs that may try a failed mail again before it is given up.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long a claimed mail is left to its sender before another run may take it over (a crashed run).</summary>
    public int ClaimMinutes { get; set; } = 30;

    /// <summary>Days after a period becomes final within which the result notices are sent.</summary>
    public int FinalNoticeDays { get; set; } = 7;

    /// <summary>The portal's address (absolute http or https): mails link its pages (<see cref="Domain.Reminders.PortalLinks"/>).</summary>
    public string PortalBaseUrl { get; set; } = DefaultPortalBaseUrl;

    private const string DefaultPortalBaseUrl = "http://localhost:7071/";

    /// <summary>
    /// An unset or empty <see cref="PortalBaseUrl"/> falls back to the former <see cref="LegacyLinkBaseKey"/>, so a deployment
    /// that still sets only that keeps its links — its value, less a final <c>/api</c> (the old default was the API, beside
    /// which the development host serves the portal) — and else to the default.
    /// </summary>
    public static void FillPortalBaseUrl(ReminderOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!string.IsNullOrWhiteSpace(configuration[$"{SectionName}:{nameof(PortalBaseUrl)}"]))
        {
            return;
        }

        var legacy = configuration[LegacyLinkBaseKey]?.Trim().TrimEnd('/');
        options.PortalBaseUrl = string.IsNullOrEmpty(legacy) ? DefaultPortalBaseUrl
            : (legacy.EndsWith("/api", StringComparison.OrdinalIgnoreCase) ? legacy[..^4] : legacy) + "/";
    }
}
