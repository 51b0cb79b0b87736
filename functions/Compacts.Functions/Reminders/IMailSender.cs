using SendGrid;
using SendGrid.Helpers.Mail;

namespace Compacts.Functions.Reminders;

public interface IMailSender
{
    Task<SendResult> SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
