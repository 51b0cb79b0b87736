using Compacts.Domain.Reminders;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Compacts.Functions.Reminders;

/// <summary>
/// Sends through the SendGrid client. 429 and 5xx are retried here, with the client's own retry off (it does not cover 429):
/// <c>Retry-After</c> is honoured up to <see cref="SendGridOptions.MaxRetryAfterSeconds"/>, otherwise 1, 2, 4… seconds; other 4xx
/// answers are final for this run.
/// </summary>
public sealed partial class SendGridMailSender(SendGridClient client, IOptions<SendGridOptions> options, RetryDelay delay, ILogger<SendGridMailSender> logger)
    : IMailSender
{
    public async Task<SendResult> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var message = new SendGridMessage();
        message.SetFrom(new EmailAddress(settings.FromEmail, settings.FromName));
        message.AddTos(mail.To.Select(to => new EmailAddress(to)).ToList());
        message.SetSubject(mail.Text.Subject);
        message.AddContent(MimeType.Text, mail.Text.Text);
        message.AddContent(MimeType.Html, mail.Text.Html);
        message.AddCustomArg("ledgerKey", mail.Key.ToString());
        if (settings.SandboxMode)
        {
            message.SetSandBoxMode(true);
        }

        string error = "not sent";
        for (var attempt = 1; attempt <= settings.MaxTries; attempt++)
        {
            TimeSpan wait;
            try
            {
                var response = await client.SendEmailAsync(message, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    var id = response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
                    return new SendResult(true, id, null);
                }

                var status = (int)response.StatusCode;
                error = $"SendGrid answered {status}";
                if (status != 429 && status < 500)
                {
                    return new SendResult(false, null, $"{error}: {await response.Body.ReadAsStringAsync(cancellationToken)}");
                }

                wait = RetryAfter(response) ?? Backoff(attempt);
                if (wait > TimeSpan.FromSeconds(settings.MaxRetryAfterSeconds))
                {
                    return new SendResult(false, null, $"{error}; Retry-After {wait.TotalSeconds:0}s is left to the next run");
                }
            }
            catch (HttpRequestException ex)
            {
                error = $"SendGrid unreachable: {ex.Message}";
                wait = Backoff(attempt);
            }

            if (attempt < settings.MaxTries)
            {
                LogRetry(logger, mail.Key.ToString(), error, wait.TotalSeconds);
                await delay(wait, cancellationToken);
            }
        }

        return new SendResult(false, null, error);
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));

    private static TimeSpan? RetryAfter(SendGrid.Response response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - DateTimeOffset.UtcNow : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {LedgerKey}: {Error}; trying again in {Seconds} s")]
    private static partial void LogRetry(ILogger logger, string ledgerKey, string error, double seconds);
}
