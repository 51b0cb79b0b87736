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
