using System.Globalization;
using System.Text;
using Compacts.Domain.Reminders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Compacts.Functions.Reminders;

public sealed record SendResult(bool Sent, string? MessageId, string? Error);
