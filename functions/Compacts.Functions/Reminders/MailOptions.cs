namespace Compacts.Functions.Reminders;

/// <summary>Section <c>SendGrid</c>.</summary>
public sealed class SendGridOptions
{
    public const string SectionName = "SendGrid";

    /// <summary>The API key (in Azure a Key Vault reference). Empty: mails go to <see cref="OutboxPath"/> instead.</summary>
    public string? ApiKey { get; set; }

    public string FromEmail { get; set; } = "thidua@example.gov.vn";

    public string FromName { get; set; } = "Thư ký Cụm thi đua";

    /// <summary>SendGrid validates but does not deliver (staging).</summary>
    public bool SandboxMode { get; set; }

    /// <summary>The API's base address; only tests change it.</summary>
    public string Host { get; set; } = "https://api.sendgrid.com";

    /// <summary>Where mails go without an API key (local runs).</summary>
    public string OutboxPath { get; set; } = ".outbox";

    /// <summary>Attempts of one send within a run (429 and 5xx are retried; other 4xx are not).</summary>
    public int MaxTries { get; set; } = 4;

    /// <summary>The longest Retry-After honoured within a run; a longer wait is left to the next run.</summary>
    public int MaxRetryAfterSeconds { get; set; } = 60;
}

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
