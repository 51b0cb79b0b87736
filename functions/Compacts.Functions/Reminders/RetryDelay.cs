using SendGrid;
using SendGrid.Helpers.Mail;

namespace Compacts.Functions.Reminders;

/// <summary>How a sender waits between tries (tests record the waits instead of sleeping).</summary>
public delegate Task RetryDelay(TimeSpan delay, CancellationToken cancellationToken);
