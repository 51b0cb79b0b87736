using SendGrid;
using SendGrid.Helpers.Mail;

namespace Compacts.Functions.Reminders;

public sealed record SendResult(bool Sent, string? MessageId, string? Error);
