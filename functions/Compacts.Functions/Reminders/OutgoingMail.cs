using Compacts.Domain.Reminders;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Compacts.Functions.Reminders;

public sealed record OutgoingMail(LedgerKey Key, IReadOnlyList<string> To, MailText Text);
