using Compacts.Functions.Auth;
using Compacts.Functions.Http;
using Compacts.Functions.Reminders;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Compacts.Functions.Functions;

/// <summary>The daily reminder run (01:00 UTC = 08:00 in Hà Nội by default), and an admin's "run it now".</summary>
public sealed class ReminderFunctions(ReminderService reminders, CallerResolver callers)
{
    [Function(nameof(SendReminders))]
    public Task SendReminders([TimerTrigger("%Reminders:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        reminders.RunAsync(cancellationToken);

    [Function(nameof(PostReminderRun))]
    public async Task<IActionResult> PostReminderRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reminders/runs")] HttpRequest req, CancellationToken cancellationToken)
    {
        var (_, denied) = await callers.ResolveAdminAsync(req, cancellationToken);
        return denied ?? Responses.Ok(await reminders.RunAsync(cancellationToken));
    }
}
