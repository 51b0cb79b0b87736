using System.Security.Cryptography;
using Compacts.Domain.Review;
using Compacts.Domain.Scoring;
using Compacts.Functions.Compacts;
using Compacts.Functions.Reports;
using Compacts.Functions.Units;

namespace Compacts.Functions.Standings;

/// <summary>Computes and stores the standings of one compact and month (docs/scoring.md, "Runs and finality").</summary>
public sealed partial class StandingsService(
    CompactStore compacts, ReportStore reports, UnitStore units, StandingsStore standings, TimeProvider time, ILogger<StandingsService> logger)
{
    private const int MaxAttempts = 10;

    /// <param name="force">Write a new run even when nothing changed (an admin's "compute now").</param>
    public async Task<ComputeOutcome> ComputeAsync(string compactId, Period period, string trigger, bool force, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var latest = await standings.GetLatestPointerAsync(compactId, period, cancellationToken);
            if (latest?.Status == RunStatus.Final)
            {
                return new ComputeOutcome.AlreadyFinal(latest.RunId);
            }

            var stored = await compacts.GetAsync(compactId, cancellationToken);
            if (stored is null)
            {
                return new ComputeOutcome.CompactNotFound();
            }

            var compact = stored.Compact;
            var pointers = await reports.GetPointersAsync(compactId, new Period(period.Year, 1), period, cancellationToken);
            var names = (await units.ListAsync(cancellationToken)).ToDictionary(u => u.UnitId, u => u.Name, StringComparer.Ordinal);

            var now = time.GetUtcNow();
            var status = MayBeFinal(compact, period, pointers, now) ? RunStatus.Final : RunStatus.Provisional;
            if (status == RunStatus.Final)
            {
                // Lock the month's reports, then read what the final run is final on: a review or revision that committed before
                // the lock is read here; one after it finds the lock and is refused (docs/review.md, "Locked").
                await reports.SetMonthLockAsync(compactId, period, compact.Members.Select(m => m.UnitId), locked: true, cancellationToken);
                pointers = await reports.GetPointersAsync(compactId, new Period(period.Year, 1), period, cancellationToken);
                if (!MayBeFinal(compact, period, pointers, now))
                {
                    // A new revision reopened a report between the first read and the lock: not final yet.
                    await reports.SetMonthLockAsync(compactId, period, compact.Members.Select(m => m.UnitId), locked: false, cancellationToken);
                    status = RunStatus.Provisional;
                }
            }

            var (inputsJson, inputsHash) = DescribeInputs(stored, pointers, period);
            if (!force && latest is not null && latest.InputsHash == inputsHash && latest.Status == status)
            {
                return new ComputeOutcome.Unchanged(latest.RunId);
            }

            var scored = pointers.Where(p => p.Current.Period == period).ToDictionary(p => p.Current.UnitId, StringComparer.Ordinal);
            var inputs = compact.Members.Select(m => new UnitInput(
                m.UnitId,
                names.GetValueOrDefault(m.UnitId, m.UnitId),
                pointers.Where(p => p.Current.UnitId == m.UnitId).ToDictionary(p => p.Current.Period.Month, p => p.FirstReceivedAt),
                scored.TryGetValue(m.UnitId, out var pointer) ? ValuesThatCount(pointer) : null)).ToList();
            var rows = StandingsEngine.Compute(compact, period, inputs)
                .Select(row => !row.NotRanked && scored.TryGetValue(row.UnitId, out var p) ? row with { ReviewState = p.Review.State } : row)
                .ToList();
            var basis = new RunBasis(
                rows.Count(r => r.ReviewState == ReviewState.Confirmed),
                rows.Count(r => r.ReviewState == ReviewState.Submitted),
                rows.Count(r => r.ReviewState == ReviewState.Returned),
                compact.Members.Count(m => !scored.ContainsKey(m.UnitId)));

            var run = new StandingsRun(compactId, period, NewRunId(now), now, status, trigger, inputsHash, rows, basis);
            if (await standings.TryWriteAsync(run, inputsJson, latest, cancellationToken))
            {
                LogRunWritten(logger, compactId, period, run.RunId, status, trigger);
                return new ComputeOutcome.Written(run);
            }

            // The pointer moved under us (or the reply to our own write was lost and the SDK's retry found it done). SCORING.md,
            // "Runs and finality": a run's rows are never edited, the latest run is the period's, no run follows a final one.
            // - `latest` names our run: the write did commit; it is ours.
            // - `latest` is another run that read exactly what we read (same compact ETag and report revisions, hence the same
            //   rows) and has our status: that run is what this request would have made visible, and it became visible while
            //   this request ran, so it is the answer (201 with it). Writing ours on top would add a run identical to the
            //   latest, and with N simultaneous admins every loser would queue for the pointer again, one per round (N rounds).
            // - otherwise the inputs or the status changed (a report arrived, the period became final): ours is stale and must
            //   not become the latest; look again (a final latest answers 409 above).
            var moved = await standings.GetLatestPointerAsync(compactId, period, cancellationToken);
            if (moved is not null && (moved.RunId == run.RunId || (moved.InputsHash == run.InputsHash && moved.Status == run.Status)))
            {
                if (moved.RunId == run.RunId)
                {
                    LogRunWritten(logger, compactId, period, run.RunId, status, trigger);
                    return new ComputeOutcome.Written(run);
                }

                if (!force)
                {
                    return new ComputeOutcome.Unchanged(moved.RunId);
                }

                if (await standings.GetRunAsync(compactId, period, moved.RunId, cancellationToken) is { } winner)
                {
                    return new ComputeOutcome.Written(winner);
                }
            }

            if (attempt == MaxAttempts)
            {
                LogContended(logger, compactId, period, MaxAttempts);
                return new ComputeOutcome.Contended();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken); // a real wait, not a clock read
        }
    }

    /// <summary>
    /// Whether a run now would be final: the finalize instant has passed and, when the compact requires review, every report of
    /// the month is confirmed.
    /// </summary>
    private static bool MayBeFinal(Compact compact, Period period, IReadOnlyList<ReportPointer> pointers, DateTimeOffset now) =>
        now >= new CompactCalendar(compact).FinalizeInstant(period)
        && (!compact.Review.Required || pointers.Where(p => p.Current.Period == period).All(p => p.Review.State == ReviewState.Confirmed));

    /// <summary>The confirming review's values for a confirmed report (docs/review.md, "Scoring"), else the reported ones.</summary>
    private static IReadOnlyDictionary<string, ReportValue> ValuesThatCount(ReportPointer pointer) =>
        pointer.Review.State == ReviewState.Confirmed && pointer.Review.ConfirmedValues is { } confirmed ? confirmed : pointer.Current.Values;

    /// <summary>
    /// What a run read, and its hash: the compact's version, every report revision of months 1..m and, for reports of month m
    /// that a reviewer has acted on, their state and last review (a run before reviews existed hashed the same without them).
    /// </summary>
    private static (string Json, string Hash) DescribeInputs(StoredCompact compact, IReadOnlyList<ReportPointer> pointers, Period period)
    {
        var reviews = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pointer in pointers.Where(p => p.Current.Period == period && (p.Review.State != ReviewState.Submitted || p.Review.LastReview is not null)))
        {
            reviews[pointer.Current.UnitId] = $"{ReviewRules.Name(pointer.Review.State)}:{pointer.Review.LastReview?.ReviewId}";
        }

        var read = new SortedDictionary<string, SortedDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var pointer in pointers)
        {
            var unit = pointer.Current.UnitId;
            if (!read.TryGetValue(unit, out var months))
            {
                read[unit] = months = new SortedDictionary<string, int>(StringComparer.Ordinal);
            }

            months[pointer.Current.Period.ToString()] = pointer.Current.Revision;
        }

        var json = reviews.Count == 0
            ? JsonSerializer.Serialize(new { compactETag = compact.ETag, revisions = read }, Storage.StorageJson.Options)
            : JsonSerializer.Serialize(new { compactETag = compact.ETag, revisions = read, reviews }, Storage.StorageJson.Options);
        return (json, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))));
    }

    /// <summary>Sortable by time, fixed length, unique: yyyyMMddHHmmssfff plus 6 random hex digits.</summary>
    private static string NewRunId(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Standings of {CompactId} {Period}: the inputs changed under each of {Attempts} attempts")]
    private static partial void LogContended(ILogger logger, string compactId, Period period, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Standings of {CompactId} {Period}: run {RunId} ({Status}) written by {Trigger}")]
    private static partial void LogRunWritten(ILogger logger, string compactId, Period period, string runId, RunStatus status, string trigger);
}
