using Compacts.Domain.Reminders;
using Compacts.Functions.Compacts;
using Compacts.Functions.Reports;
using Compacts.Functions.Standings;
using Compacts.Functions.Units;
using Compacts.Functions.Users;

namespace Compacts.Functions.Reminders;

/// <summary>
/// Reminder runs: what a compact owes (<see cref="ReminderPolicy"/>), claimed in the ledger, then sent. The daily timer
/// plans one queue message per compact (<see cref="ReminderPlanner"/>) and the queue worker runs each compact on its
/// own; an admin's "run it now" enqueues every compact the same way (<see cref="ReminderRuns"/>). <see cref="RunAsync"/> runs
/// every compact in one call (tests and tools, where no queue worker runs).
/// </summary>
public sealed partial class ReminderService(
    CompactStore compacts,
    ReportStore reports,
    UnitStore units,
    UserStore users,
    StandingsStore standings,
    MailLedger ledger,
    IMailSender sender,
    TimeProvider time,
    IOptions<ReminderOptions> options,
    ILogger<ReminderService> logger)
{
    /// <summary>Every compact, in this call.</summary>
    public async Task<ReminderRunSummary> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var directory = new AsyncOnce<Recipients>(() => LoadRecipientsAsync(cancellationToken));
        var summary = ReminderRunSummary.None;
        foreach (var stored in await compacts.ListAsync(cancellationToken))
        {
            summary = summary.Add(await RunCompactAsync(stored, now, directory, cancellationToken));
        }

        LogRun(logger, "every compact", summary.Owed, summary.Sent, summary.Failed, summary.Skipped);
        return summary;
    }

    /// <summary>One compact (the queue worker); nothing when it no longer exists.</summary>
    public async Task<ReminderRunSummary> RunCompactAsync(string compactId, CancellationToken cancellationToken)
    {
        if (await compacts.GetAsync(compactId, cancellationToken) is not { } stored)
        {
            return ReminderRunSummary.None;
        }

        var summary = await RunCompactAsync(stored, time.GetUtcNow(), new AsyncOnce<Recipients>(() => LoadRecipientsAsync(cancellationToken)), cancellationToken);
        LogRun(logger, compactId, summary.Owed, summary.Sent, summary.Failed, summary.Skipped);
        return summary;
    }

    /// <summary>The units' addresses and reporters, read only when some compact owes a mail.</summary>
    private sealed record Recipients(Dictionary<string, Unit> Units, ILookup<string, string> Reporters);

    private async Task<Recipients> LoadRecipientsAsync(CancellationToken cancellationToken) => new(
        (await units.ListAsync(cancellationToken)).ToDictionary(u => u.UnitId, StringComparer.Ordinal),
        (await users.ListAsync(cancellationToken)).ToLookup(u => u.UnitId, u => u.UserId, StringComparer.Ordinal));

    private async Task<ReminderRunSummary> RunCompactAsync(StoredCompact stored, DateTimeOffset now, AsyncOnce<Recipients> directory, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var compact = stored.Compact;
        int owed = 0, sent = 0, failed = 0, skipped = 0;
        var months = new Dictionary<Period, (MonthState State, StandingsRun? Run)>();
        foreach (var period in ReminderPolicy.MonthsInPlay(new CompactCalendar(compact), now, settings.FinalNoticeDays))
        {
            var reported = (await reports.GetPeriodAsync(stored.CompactId, period, cancellationToken)).Select(r => r.UnitId).ToHashSet(StringComparer.Ordinal);
            var latest = await standings.GetLatestPointerAsync(stored.CompactId, period, cancellationToken);
            var run = latest?.Status == RunStatus.Final ? await standings.GetRunAsync(stored.CompactId, period, latest.RunId, cancellationToken) : null;
            months[period] = (new MonthState(period, reported, run is not null), run);
        }

        foreach (var notice in ReminderPolicy.Owed(compact, now, p => months[p].State, settings.FinalNoticeDays))
        {
            owed++;
            var (unitsById, reporters) = await directory.Value;
            var recipients = (unitsById.TryGetValue(notice.UnitId, out var unit) ? unit.Emails : [])
                .Concat(reporters[notice.UnitId])
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            var key = new LedgerKey(stored.CompactId, notice.Period, notice.KindKey, notice.UnitId);
            if (recipients.Count == 0)
            {
                LogNoRecipients(logger, key.ToString());
                skipped++;
                continue;
            }

            if (await ledger.ClaimAsync(key, cancellationToken) is not Claim.Granted claim)
            {
                skipped++;
                continue;
            }

            var (state, run) = months[notice.Period];
            var missingNames = compact.Members.Where(m => !state.Reported.Contains(m.UnitId))
                .Select(m => unitsById.TryGetValue(m.UnitId, out var u) ? u.Name : m.UnitId).ToList();
            var text = MailComposer.Compose(notice, compact, unit?.Name ?? notice.UnitId, missingNames, RankOf(run, notice.UnitId),
                new Uri($"{settings.StandingsLinkBase.TrimEnd('/')}/compacts/{stored.CompactId}/standings/{notice.Period}"));

            var result = await sender.SendAsync(new OutgoingMail(key, recipients, text), cancellationToken);
            if (result.Sent)
            {
                await ledger.MarkSentAsync(key, claim.ETag, result.MessageId, recipients, cancellationToken);
                sent++;
            }
            else
            {
                await ledger.MarkFailedAsync(key, claim.ETag, result.Error ?? "unknown", cancellationToken);
                LogFailed(logger, key.ToString(), claim.Attempt, result.Error ?? "unknown");
                failed++;
            }
        }

        return new ReminderRunSummary(owed, sent, failed, skipped);
    }

    private static RankLine? RankOf(StandingsRun? run, string unitId)
    {
        var row = run?.Rows.FirstOrDefault(r => r.UnitId == unitId);
        return row is null ? null : new RankLine(row.Rank, row.Score, run!.Rows.Count(r => !r.NotRanked), row.NotRanked);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {LedgerKey} has no recipients: the unit has no addresses or reporters")]
    private static partial void LogNoRecipients(ILogger logger, string ledgerKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {LedgerKey} failed (attempt {Attempt}); a later run tries again: {Error}")]
    private static partial void LogFailed(ILogger logger, string ledgerKey, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder run over {Scope}: {Owed} owed, {Sent} sent, {Failed} failed, {Skipped} skipped")]
    private static partial void LogRun(ILogger logger, string scope, int owed, int sent, int failed, int skipped);
}
