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
    LedgerMailer mailer,
    PortalLinks portal,
    TimeProvider time,
    IOptions<ReminderOptions> options,
    ILogger<ReminderService> logger)
{
    /// <summary>Every active compact, in this call.</summary>
    public async Task<ReminderRunSummary> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var directory = new AsyncOnce<MailDirectory>(() => MailDirectory.LoadAsync(units, users, cancellationToken));
        var summary = ReminderRunSummary.None;
        foreach (var stored in (await compacts.ListAsync(cancellationToken)).Where(c => !c.Compact.IsDraft()))
        {
            summary = summary.Add(await RunCompactAsync(stored, now, directory, cancellationToken));
        }

        LogRun(logger, "every compact", summary.Owed, summary.Sent, summary.Failed, summary.Skipped);
        return summary;
    }

    /// <summary>One compact (the queue worker); nothing when it no longer exists or is a draft (a draft owes no reminders).</summary>
    public async Task<ReminderRunSummary> RunCompactAsync(string compactId, CancellationToken cancellationToken)
    {
        if (await compacts.GetAsync(compactId, cancellationToken) is not { } stored || stored.Compact.IsDraft())
        {
            return ReminderRunSummary.None;
        }

        var summary = await RunCompactAsync(stored, time.GetUtcNow(), new AsyncOnce<MailDirectory>(() => MailDirectory.LoadAsync(units, users, cancellationToken)), cancellationToken);
        LogRun(logger, compactId, summary.Owed, summary.Sent, summary.Failed, summary.Skipped);
        return summary;
    }

    private async Task<ReminderRunSummary> RunCompactAsync(StoredCompact stored, DateTimeOffset now, AsyncOnce<MailDirectory> directory, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var compact = stored.Compact;
        var summary = ReminderRunSummary.None;
        var months = new Dictionary<Period, (MonthState State, StandingsRun? Run)>();
        foreach (var period in ReminderPolicy.MonthsInPlay(new CompactCalendar(compact), now, settings.FinalNoticeDays, compact.Review.Required))
        {
            var reported = (await reports.GetPeriodAsync(stored.CompactId, period, cancellationToken)).Select(r => r.UnitId).ToHashSet(StringComparer.Ordinal);
            var latest = await standings.GetLatestPointerAsync(stored.CompactId, period, cancellationToken);
            var run = latest?.Status == RunStatus.Final ? await standings.GetRunAsync(stored.CompactId, period, latest.RunId, cancellationToken) : null;
            months[period] = (new MonthState(period, reported, run is not null, run?.ComputedAt), run);
        }

        foreach (var notice in ReminderPolicy.Owed(compact, now, p => months[p].State, settings.FinalNoticeDays))
        {
            var mailDirectory = await directory.Value;
            var (state, run) = months[notice.Period];
            var outcome = await mailer.SendOnceAsync(
                new LedgerKey(stored.CompactId, notice.Period, notice.KindKey, notice.UnitId),
                mailDirectory.AddressesOf(notice.UnitId),
                () => MailComposer.Compose(
                    notice,
                    new MailContext(stored.CompactId, compact, mailDirectory.Names, portal),
                    compact.Members.Select(m => m.UnitId).Where(u => !state.Reported.Contains(u)).ToList(),
                    RankOf(run, notice.UnitId)),
                cancellationToken);
            summary = summary.Add(outcome);
        }

        return summary;
    }

    private static RankLine? RankOf(StandingsRun? run, string unitId)
    {
        var row = run?.Rows.FirstOrDefault(r => r.UnitId == unitId);
        return row is null ? null : new RankLine(row.Rank, row.Score, run!.Rows.Count(r => !r.NotRanked), row.NotRanked);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder run over {Scope}: {Owed} owed, {Sent} sent, {Failed} failed, {Skipped} skipped")]
    private static partial void LogRun(ILogger logger, string scope, int owed, int sent, int failed, int skipped);
}
