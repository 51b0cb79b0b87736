using SendGrid;
using SendGrid.Helpers.Mail;

namespace Compacts.Functions.Reminders;

/// <summary>Without an API key: each mail is written to the outbox folder as a readable .eml file (plain text and HTML).</summary>
public sealed class OutboxMailSender(IOptions<SendGridOptions> options, TimeProvider time) : IMailSender
{
    public async Task<SendResult> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var folder = Path.GetFullPath(settings.OutboxPath);
        Directory.CreateDirectory(folder);
        var now = time.GetUtcNow();
        var id = $"{now.UtcDateTime:yyyyMMddTHHmmssfff}-{mail.Key.PartitionKey}-{mail.Key.RowKey}";
        var boundary = "=_" + Guid.NewGuid().ToString("N");
        var eml = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"From: {settings.FromName} <{settings.FromEmail}>\r\n")
            .Append(CultureInfo.InvariantCulture, $"To: {string.Join(", ", mail.To)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Subject: {mail.Text.Subject}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Date: {now:R}\r\n")
            .Append(CultureInfo.InvariantCulture, $"X-Ledger-Key: {mail.Key}\r\n")
            .Append("MIME-Version: 1.0\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Type: multipart/alternative; boundary=\"{boundary}\"\r\n\r\n")
            .Append(CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{mail.Text.Text}\r\n")
            .Append(CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{mail.Text.Html}\r\n")
            .Append(CultureInfo.InvariantCulture, $"--{boundary}--\r\n");
        await File.WriteAllTextAsync(Path.Combine(folder, id + ".eml"), eml.ToString(), new UTF8Encoding(false), cancellationToken);
        return new SendResult(true, id, null);
    }
}
