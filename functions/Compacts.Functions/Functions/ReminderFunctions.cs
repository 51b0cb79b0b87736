using Compacts.Domain;
using Compacts.Functions.Auth;
using Compacts.Functions.Http;
using Compacts.Functions.Reminders;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Compacts.Functions.Functions;

/// <summary>
/// The daily reminder run: a timer (01:00 UTC = 08:00 in Hà Nội by default) plans one queue message per compact, and a
/// queue-triggered worker sends each compact's mails. An admin's "run it now" runs every compact in the request.
/// </summary>
public sealed partial class ReminderFunctions(ReminderService reminders, ReminderPlanner planner, CallerResolver callers, ILogger<ReminderFunctions> logger)
{
    [Function(nameof(PlanReminders))]
    public async Task PlanReminders([TimerTrigger("%Reminders:Schedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var work = await planner.PlanAsync(cancellationToken);
        LogPlanned(logger, work.Count);
    }

    [Function(nameof(SendReminders))]
    public async Task SendReminders([QueueTrigger("%Reminders:Queue%")] ReminderWork work, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValidId(work.CompactId))
        {
            LogBadMessage(logger, work.CompactId);
            return; // a malformed message is dropped, not retried
        }

        await reminders.RunCompactAsync(work.CompactId, cancellationToken);
    }

    [Function(nameof(PostReminderRun))]
    public async Task<IActionResult> PostReminderRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reminders/runs")] HttpRequest req, CancellationToken cancellationToken)
    {
        var (_, denied) = await callers.ResolveAdminAsync(req, cancellationToken);
        return denied ?? Responses.Ok(await reminders.RunAsync(cancellationToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder planner enqueued {Count} compacts")]
    private static partial void LogPlanned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a reminder message with compact {CompactId}")]
    private static partial void LogBadMessage(ILogger logger, string? compactId);
}
