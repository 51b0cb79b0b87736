using Compacts.Domain.Review;
using Compacts.Functions.Evidence;
using Compacts.Functions.Reports;

namespace Compacts.Functions.Reviews;

/// <summary>
/// Reviews, explanations and the history of a report, in the report's month partition (keys in <see cref="ReviewRows"/>). A review
/// or explanation, its history event, the pointer's new review status and the idempotency record are one entity-group transaction
/// conditioned on the pointer's ETag: of two racing requests (two reviewers, a review and a new revision) one commits whole and the
/// other reads the report again, where the rules refuse it. A confirm also writes the report's evidence set row under its ETag
/// (<see cref="EvidenceRows"/>), so an evidence upload racing it lands either before the confirm (which then sees it) or not at all.
/// </summary>
public sealed class ReviewStore(Tables tables, ReportStore reports)
{
    private const int MaxAttempts = 100;

    public async Task<IReadOnlyList<StoredReview>> ListReviewsAsync(string compactId, Period period, string unitId, CancellationToken cancellationToken) =>
        (await ReadPrefixAsync(compactId, period, ReviewRows.ReviewPrefix(unitId), cancellationToken))
            .Select(e => JsonSerializer.Deserialize<StoredReview>(TableLimits.GetChunked(e, "Record")!, StorageJson.Options)!)
            .ToList();

    /// <summary>The unit's explanations of the month, oldest first (their ids sort by time).</summary>
    public async Task<IReadOnlyList<StoredExplanation>> ListExplanationsAsync(string compactId, Period period, string unitId, CancellationToken cancellationToken) =>
        (await ReadPrefixAsync(compactId, period, ReviewRows.ExplanationPrefix(unitId), cancellationToken))
            .Select(e => (StoredExplanation)ReadRecord(e))
            .ToList();

    /// <summary>
    /// The report's events, oldest first. Revisions stored before reviews existed have no event row; each appears as a
    /// <c>submitted</c> event at its receipt.
    /// </summary>
    public async Task<IReadOnlyList<ReviewEvent>> HistoryAsync(string compactId, Period period, string unitId, CancellationToken cancellationToken)
    {
        var (_, shown) = await ReportStore.CurrentAsync(
            await tables.GetAsync(Tables.ReportsName), ReportStore.PartitionKey(compactId, period), unitId, cancellationToken);
        var events = (await ReadPrefixAsync(compactId, period, ReviewRows.EventPrefix(unitId), cancellationToken))
            .Where(row => ReviewRows.EventNumber(row.RowKey) <= shown) // events above the pointer's count belong to an import not (yet) visible
            .Select(ReviewRows.ReadEvent).ToList();
        var recorded = events.Where(e => e.Event is ReviewEventKind.Submitted or ReviewEventKind.Reopened or ReviewEventKind.LockedCorrection)
            .Select(e => e.Revision).ToHashSet();
        var legacy = (await reports.GetRevisionsAsync(compactId, period, unitId, cancellationToken))
            .Where(r => !recorded.Contains(r.Revision))
            .Select(r => new ReviewEvent(r.ReceivedAt, r.SubmittedBy, ReviewEventKind.Submitted, r.Revision, ReviewState.Submitted, ReviewState.Submitted, null));
        var all = legacy.Concat(events).OrderBy(e => e.Revision).ThenBy(e => e.At).ToList();
        return all.Select((e, i) => i == 0 ? e with { FromState = null } : e).ToList();
    }

    /// <summary>
    /// Writes what <paramref name="decide"/> makes of the report's current revision and status, retrying on a conflicting writer.
    /// <paramref name="kind"/> (<c>rv</c> review, <c>ex</c> explanation) keeps the idempotency keys of the two routes apart.
    /// </summary>
    public async Task<ReviewOutcome> WriteAsync(
        string compactId, Period period, string unitId, string kind, IdempotencyToken? idempotency,
        Func<ReportRevision, ReviewStatus, EvidenceSet, ReviewStep> decide, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.ReportsName);
        var partition = ReportStore.PartitionKey(compactId, period);
        var pointerKey = ReportStore.PointerKey(unitId);
        var evidenceKey = EvidenceRows.SetKey(unitId);
        var idempotencyKey = idempotency is null ? null : $"id{kind}_{unitId}_{idempotency.RowKeySuffix()}";
        string? tried = null; // the row key of our last write whose transaction failed: it may have committed (a lost reply)
        ReviewOutcome.Written? triedOutcome = null;
        for (var attempt = 1; ; attempt++)
        {
            var found = await TableRows.ByKeysAsync(table, partition, [pointerKey, evidenceKey, idempotencyKey, tried], cancellationToken);
            if (tried is not null && found.ContainsKey(tried))
            {
                return triedOutcome!;
            }

            if (idempotencyKey is not null && found.TryGetValue(idempotencyKey, out var record))
            {
                if (record.GetString("RequestHash") != idempotency!.RequestHash)
                {
                    return new ReviewOutcome.KeyReusedWithOtherRequest();
                }

                var earlier = await table.GetEntityAsync<TableEntity>(partition, record.GetString("RecordKey")!, cancellationToken: cancellationToken);
                return new ReviewOutcome.Replayed(ReadRecord(earlier.Value));
            }

            if (!found.TryGetValue(pointerKey, out var pointer) || !ReportStore.IsReport(pointer))
            {
                return new ReviewOutcome.NoReport();
            }

            var report = ReportStore.ToRevision(pointer, compactId, period, unitId);
            var before = ReviewRows.ReadStatus(pointer);
            var evidenceRow = found.GetValueOrDefault(evidenceKey);
            var evidence = EvidenceRows.ReadSet(evidenceRow, report.Revision);
            var step = decide(report, before, evidence);
            if (step is not ReviewStep.Write write)
            {
                return new ReviewOutcome.Stopped(step);
            }

            var after = before with
            {
                State = write.Transition.To,
                SubmittedAt = write.Transition.To == ReviewState.Submitted ? write.At : before.SubmittedAt,
                Events = before.Events + 1,
                LastReview = write.Review ?? before.LastReview,
                ConfirmedValues = write.Confirmed ?? before.ConfirmedValues,
            };
            var reviewEvent = new ReviewEvent(write.At, write.Actor, write.Transition.Event, write.Revision, before.State, write.Transition.To, write.Comment);
            ReviewRows.WriteStatus(pointer, after);
            var row = new TableEntity(partition, write.RowKey);
            TableLimits.SetChunked(row, "Record", JsonSerializer.Serialize(write.Record, write.Record.GetType(), StorageJson.Options));
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.UpdateReplace, pointer, pointer.ETag),
                new(TableTransactionActionType.Add, row),
                new(TableTransactionActionType.UpsertReplace, ReviewRows.EventRow(partition, unitId, after.Events, reviewEvent)), // over an import's leftover
            };
            if (write.Transition.Event == ReviewEventKind.Confirmed)
            {
                // The confirm freezes the revision's evidence: an upload that read the set before this commits fails on its ETag.
                actions.Add(EvidenceRows.WriteSet(partition, unitId, evidenceRow, evidence, confirmedRevision: report.Revision));
            }

            if (idempotencyKey is not null)
            {
                actions.Add(new(TableTransactionActionType.Add, new TableEntity(partition, idempotencyKey)
                {
                    ["RequestHash"] = idempotency!.RequestHash,
                    ["RecordKey"] = write.RowKey,
                    ["CreatedAt"] = reviewEvent.At,
                }));
            }

            if (actions.Select(a => TableLimits.Problem((TableEntity)a.Entity)).FirstOrDefault(p => p is not null) is { } problem)
            {
                return new ReviewOutcome.TooLarge(problem);
            }

            triedOutcome = new ReviewOutcome.Written(write.Record, reviewEvent, report, before, after);
            try
            {
                await TableBatch.SubmitAsync(table, actions, cancellationToken);
                reports.Forget(compactId, period, unitId);
                return triedOutcome;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                tried = write.RowKey;
            }
            catch (Exception ex) when (StorageFailures.IsTransient(ex))
            {
                tried = write.RowKey; // it may or may not have committed: the next read finds out
            }

            if (attempt >= MaxAttempts)
            {
                return new ReviewOutcome.TooMuchContention();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 + (Math.Min(attempt, 10) * 10))), cancellationToken); // a real wait
        }
    }

    private static object ReadRecord(TableEntity row)
    {
        var json = TableLimits.GetChunked(row, "Record")!;
        return row.RowKey.StartsWith("rvw_", StringComparison.Ordinal)
            ? JsonSerializer.Deserialize<StoredReview>(json, StorageJson.Options)!
            : JsonSerializer.Deserialize<StoredExplanation>(json, StorageJson.Options)!;
    }

    private async Task<List<TableEntity>> ReadPrefixAsync(string compactId, Period period, string prefix, CancellationToken cancellationToken) =>
        await TableRows.WithPrefixAsync(await tables.GetAsync(Tables.ReportsName), ReportStore.PartitionKey(compactId, period), prefix, cancellationToken);
}
