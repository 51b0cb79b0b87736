using Compacts.Functions.Auth;
using Compacts.Functions.Reminders;

namespace Compacts.Functions.Reminders;

/// <summary>
/// The daily reminder run: a timer (01:00 UTC = 08:00 in Hà Nội by default) plans one queue message per compact, and a
/// queue-triggered worker sends each compact's mails. An admin's "run it now" enqueues every compact and answers 202 with a
/// run to read back, and the
/// mail ledger of a compact's month shows what was sent, to whom, and what failed.
/// </summary>
public sealed partial class ReminderFunctions(
    ReminderService reminders, Reviews.ReviewMails reviewMails, ReminderPlanner planner, ReminderRuns runs, MailLedger ledger, CallerGuard callers, CompactScopes scopes, ILogger<ReminderFunctions> logger)
{
    [Function(nameof(PlanReminders))]
    public async Task PlanReminders([TimerTrigger("%Reminders:Schedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var work = await planner.PlanAsync(cancellationToken);
        LogPlanned(logger, work.Count);
    }

    [Function(nameof(SendReminders))]
    public async Task SendReminders([QueueTrigger(Storage.QueueNames.Reminders)] ReminderWork work, CancellationToken cancellationToken)
    {
        using var processing = AppTelemetry.StartProcessing(nameof(SendReminders), work.TraceParent);
        if (!Identifiers.IsValidId(work.CompactId))
        {
            LogBadMessage(logger, work.CompactId);
            return; // a malformed message is dropped, not retried
        }

        var summary = (await reminders.RunCompactAsync(work.CompactId, cancellationToken))
            .Add(await reviewMails.RunCompactAsync(work.CompactId, cancellationToken));
        if (ReminderRuns.IsValidRunId(work.RunId))
        {
            await runs.MarkDoneAsync(work.RunId!, work.CompactId, summary, cancellationToken);
        }
    }

    [Function(nameof(PostReminderRun))]
    public async Task<IActionResult> PostReminderRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reminders/runs")] HttpRequest req, CancellationToken cancellationToken)
    {
        var admin = await callers.AdminAsync(req, cancellationToken);
        return await admin.ThenAsync(async caller =>
        {
            var run = await runs.StartAsync($"admin:{caller!.UserId}", cancellationToken);
            return new ApiResult(202, run).WithHeader("Location", $"/api/reminders/runs/{run.RunId}");
        });
    }

    [Function(nameof(GetReminderRun))]
    public async Task<IActionResult> GetReminderRun(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reminders/runs/{runId}")] HttpRequest req, string runId, CancellationToken cancellationToken)
    {
        var admin = await callers.AdminAsync(req, cancellationToken);
        if (admin.Failed)
        {
            return admin.Problem;
        }

        if (!ReminderRuns.IsValidRunId(runId))
        {
            return Responses.Validation("runId", "A run id is 17 digits (yyyyMMddHHmmssfff) and 6 lower-case hex digits.");
        }

        return await runs.GetAsync(runId, cancellationToken) is { } run
            ? Responses.Ok(run)
            : Responses.NotFound($"There is no reminder run '{runId}'.");
    }

    [Function(nameof(GetMailLedger))]
    public async Task<IActionResult> GetMailLedger(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "compacts/{compactId}/mail/{period}")] HttpRequest req,
        string compactId, string period, CancellationToken cancellationToken)
    {
        var opened = await scopes.OpenAsync(req, compactId, period, unitId: null, cancellationToken);
        return await opened.ThenAsync(async scope =>
        {
            return scope.Caller.IsAdmin
                ? Responses.Ok(new MailLedgerResponse(compactId, scope.Period, await ledger.ListAsync(compactId, scope.Period, cancellationToken)))
                : Responses.Forbidden($"Only a secretariat admin (role {ClientPrincipal.AdminRole}) may read the mail ledger.");
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder planner enqueued {Count} compacts")]
    private static partial void LogPlanned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a reminder message with compact {CompactId}")]
    private static partial void LogBadMessage(ILogger logger, string? compactId);
}
