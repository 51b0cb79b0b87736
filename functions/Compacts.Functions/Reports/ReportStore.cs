using System.Security.Cryptography;
using Compacts.Domain.Review;

namespace Compacts.Functions.Reports;

/// <summary>
/// Monthly reports: table <c>reports</c>, PartitionKey <c>{compactId}_{period}</c> (one partition per compact and month), RowKeys
/// <c>cur_{unitId}</c> (pointer: current revision number, first receipt, a copy of the current revision; its ETag is the report's),
/// <c>rev_{unitId}_{revision:D6}</c> (immutable revisions) and <c>idem_{unitId}_{sha256(key)}</c> (idempotency records); the pointer also
/// carries the report's review status and each revision writes a history event (see <see cref="ReviewRows"/>).
/// A revision, its pointer update, its history event and its idempotency record are one entity-group transaction; the pointer's ETag makes
/// concurrent writers retry, so revision numbers are gapless and none is lost. Each submission stamps its revision and pointer
/// with a random <c>WriteId</c>: when a transaction fails on a conflict, the retry first reads the revision it tried, because the
/// "conflict" may be its own earlier attempt that committed while its reply was lost (the SDK then resends it and gets 409/412).
/// </summary>
public sealed class ReportStore(Tables tables, TimeProvider time)
{
    public const int MaxAttempts = 200;
    private const int MaxRevision = 999_999; // RevisionKey's six digits
    private const int MaxRememberedPointers = 100_000;

    /// <summary>The pointer of each report as this instance last wrote it: the next write needs no read (its ETag guards it).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Partition, string Unit), PointerState> _pointers = new();

    private sealed record PointerState(ETag ETag, int Revision, DateTimeOffset FirstReceivedAt, DateTimeOffset ReceivedAt, ReviewStatus Review);

    public static string PartitionKey(string compactId, Period period) => TableKeys.MonthPartition(compactId, period);

    public static string PointerKey(string unitId) => $"cur_{unitId}";

    private static readonly (string From, string To) PointerRange = TableKeys.PrefixRange("cur_");

    public static string RevisionKey(string unitId, int revision) =>
        string.Create(CultureInfo.InvariantCulture, $"rev_{unitId}_{revision:D6}");

    public async Task<(ReportRevision Revision, string ETag, ReviewStatus Review)?> GetCurrentAsync(
        string compactId, Period period, string unitId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.ReportsName);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(
            PartitionKey(compactId, period), PointerKey(unitId), cancellationToken: cancellationToken);
        return response.HasValue && IsReport(response.Value!)
            ? (ToRevision(response.Value!, compactId, period, unitId), response.Value!.ETag.ToString(), ReviewRows.ReadStatus(response.Value!))
            : null;
    }

    /// <summary>
    /// False for the placeholder pointer a final run's lock writes for a member without a report (<see cref="SetMonthLockAsync"/>):
    /// it holds no revision, only the lock, so that a first revision racing the final run finds it.
    /// </summary>
    public static bool IsReport(TableEntity row) => (row.GetInt32("Revision") ?? 0) > 0;

    public async Task<IReadOnlyList<ReportRevision>> GetRevisionsAsync(
        string compactId, Period period, string unitId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.ReportsName);
        var partition = PartitionKey(compactId, period);
        var rows = await TableRows.WithPrefixAsync(table, partition, $"rev_{unitId}_", cancellationToken);
        var (current, _) = rows.Count == 0 ? (0, 0) : await CurrentAsync(table, partition, unitId, cancellationToken);
        return rows
            .Select(entity => ToRevision(entity, compactId, period, unitId))
            .Where(r => r.Revision <= current) // a revision above the pointer is an import's that has not (or never) become visible
            .ToList();
    }

    /// <summary>
    /// The pointer's revision number and history event count (0 and 0 when the report has none): the most a reader shows. Rows above
    /// them are an import's that has not become visible (<see cref="ImportAsync"/>).
    /// </summary>
    public static async Task<(int Revision, int Events)> CurrentAsync(TableClient table, string partition, string unitId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var pointer = await table.GetEntityIfExistsAsync<TableEntity>(partition, PointerKey(unitId), cancellationToken: cancellationToken);
        return pointer.HasValue ? (pointer.Value!.GetInt32("Revision") ?? 0, pointer.Value.GetInt32("Events") ?? 0) : (0, 0);
    }

    /// <summary>The current revision of every unit that has reported for the period.</summary>
    public async Task<IReadOnlyList<ReportRevision>> GetPeriodAsync(string compactId, Period period, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.ReportsName);
        var partition = PartitionKey(compactId, period);
        var (from, to) = PointerRange;
        var reports = new List<ReportRevision>();
        await foreach (var entity in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == partition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0,
            cancellationToken: cancellationToken))
        {
            if (IsReport(entity))
            {
                reports.Add(ToRevision(entity, compactId, period, entity.RowKey["cur_".Length..]));
            }
        }

        return reports;
    }

    /// <summary>
    /// The current revision pointers of every unit for months <paramref name="from"/>..<paramref name="to"/>: one query across
    /// the months' partitions (what a standings computation reads).
    /// </summary>
    public async Task<IReadOnlyList<ReportPointer>> GetPointersAsync(string compactId, Period from, Period to, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.ReportsName);
        var low = PartitionKey(compactId, from);
        var high = PartitionKey(compactId, to);
        var (first, after) = PointerRange;
        var pointers = new List<ReportPointer>();
        await foreach (var entity in table.QueryAsync<TableEntity>(
            e => e.PartitionKey.CompareTo(low) >= 0 && e.PartitionKey.CompareTo(high) <= 0
                && e.RowKey.CompareTo(first) >= 0 && e.RowKey.CompareTo(after) < 0,
            cancellationToken: cancellationToken))
        {
            if (IsReport(entity) && Period.TryParse(entity.PartitionKey[(compactId.Length + 1)..], out var period))
            {
                var unitId = entity.RowKey["cur_".Length..];
                pointers.Add(new ReportPointer(
                    ToRevision(entity, compactId, period, unitId),
                    entity.GetDateTimeOffset("FirstReceivedAt") ?? DateTimeOffset.MinValue,
                    ReviewRows.ReadStatus(entity)));
            }
        }

        return pointers;
    }

    /// <summary>
    /// Stores the next revision. <paramref name="isLate"/> decides lateness from the report's first receipt.
    /// The pointer as this instance last wrote it is tried first (one round trip: the transaction); if another writer moved it,
    /// the transaction fails on its ETag and the pointer is read again.
    /// </summary>
    public async Task<SubmitOutcome> SubmitAsync(
        string compactId,
        Period period,
        string unitId,
        RevisionDraft draft,
        Func<DateTimeOffset, bool> isLate,
        string? ifMatch,
        IdempotencyToken? idempotency,
        CancellationToken cancellationToken,
        bool byAdmin = false,
        Func<CancellationToken, Task<bool>>? monthHasFinalRun = null)
    {
        var table = await tables.GetAsync(Tables.ReportsName);
        var partition = PartitionKey(compactId, period);
        var pointerKey = PointerKey(unitId);
        var idempotencyKey = idempotency is null ? null : $"idem_{unitId}_{idempotency.RowKeySuffix()}";
        var write = new PendingWrite(compactId, period, unitId, partition, draft, isLate, idempotency, idempotencyKey, Guid.NewGuid().ToString("N"), byAdmin);
        int? unsure = null; // the revision number of a transaction that failed: it may still be ours (a lost reply)
        if (TableLimits.Problem(Entities(write, MaxRevision, draft.ReceivedAt, draft.ReceivedAt, null, ReviewRules.OnRevision(null, false, false), draft.ReceivedAt).Pointer) is { } problem)
        {
            return new SubmitOutcome.TooLarge(problem);
        }

        // The remembered pointer carries the current receivedAt, so the warm write checks it without a read (an earlier receivedAt
        // goes to the read below, which answers a replay of an idempotent request before refusing).
        if (_pointers.TryGetValue((partition, unitId), out var known) && (ifMatch is null or "*" || ifMatch == known.ETag.ToString())
            && !ReportReceipt.GoesBack(draft.ReceivedAt, draft.ReceivedAtGiven, known.ReceivedAt) && !known.Review.Locked
            && Decide(known.Review, byAdmin) is { Allowed: true } warm)
        {
            if (await TryWriteAsync(table, write, known.Revision + 1, known.FirstReceivedAt, known.ReceivedAt, known.ETag, known.Review, warm, cancellationToken) is { } stored)
            {
                return stored;
            }

            unsure = known.Revision + 1;
            _pointers.TryRemove((partition, unitId), out _);
        }

        for (var attempt = 1; ; attempt++)
        {
            var read = await ReadAsync(table, partition, pointerKey, idempotencyKey, unsure is { } n ? RevisionKey(unitId, n) : null, cancellationToken);
            if (read.Tried is { } tried && tried.GetString("WriteId") == write.WriteId)
            {
                // Our transaction committed; only its reply was lost. It is stored once: answer it.
                var pointerIsOurs = read.Pointer?.GetString("WriteId") == write.WriteId;
                return new SubmitOutcome.Stored(ToRevision(tried, compactId, period, unitId), pointerIsOurs ? read.Pointer!.ETag.ToString() : null);
            }

            if (attempt > MaxAttempts)
            {
                return new SubmitOutcome.TooMuchContention(); // every number tried was checked above: none holds our write
            }

            var pointer = read.Pointer;
            if (read.Record is { } record)
            {
                if (record.GetString("RequestHash") != idempotency!.RequestHash)
                {
                    return new SubmitOutcome.KeyReusedWithOtherRequest();
                }

                var replayedNumber = record.GetInt32("Revision") ?? 0;
                var replayed = await table.GetEntityAsync<TableEntity>(partition, RevisionKey(unitId, replayedNumber), cancellationToken: cancellationToken);
                var etag = pointer?.GetInt32("Revision") == replayedNumber ? pointer.ETag.ToString() : null;
                return new SubmitOutcome.Replayed(ToRevision(replayed.Value, compactId, period, unitId), etag);
            }

            if (ifMatch is not null && (pointer is null || (ifMatch != "*" && pointer.ETag.ToString() != ifMatch)))
            {
                return new SubmitOutcome.PreconditionFailed();
            }

            var previousReceivedAt = pointer?.GetDateTimeOffset("ReceivedAt");
            if (previousReceivedAt is { } previous && ReportReceipt.GoesBack(draft.ReceivedAt, draft.ReceivedAtGiven, previous))
            {
                return new SubmitOutcome.ReceivedBeforePrevious(previous);
            }

            var number = (pointer?.GetInt32("Revision") ?? 0) + 1;
            var firstReceivedAt = pointer?.GetDateTimeOffset("FirstReceivedAt") ?? draft.ReceivedAt;
            var status = pointer is not null && IsReport(pointer) ? ReviewRows.ReadStatus(pointer) : null;
            var locked = pointer?.GetBoolean("Locked") ?? false;
            var transition = Decide(status, byAdmin, locked);
            if (!transition.Allowed)
            {
                return new SubmitOutcome.Refused(status?.State, number - 1, transition.Refusal ?? "The report cannot take a new revision now.");
            }

            if (locked && transition.Event != ReviewEventKind.LockedCorrection
                && (monthHasFinalRun is null || !await monthHasFinalRun(cancellationToken)))
            {
                // The month's final run is being written: this revision would be neither in it nor refused.
                return new SubmitOutcome.Refused(status?.State, number - 1, "The month's final standings are being written; send the revision again in a moment.");
            }

            if (await TryWriteAsync(table, write, number, firstReceivedAt, previousReceivedAt, pointer?.ETag, status is null && locked ? new ReviewStatus(ReviewState.Submitted, null, true, 0, null, null) : status, transition, cancellationToken) is { } stored)
            {
                return stored;
            }

            // Another writer took this revision number (or the key) first, or our own reply was lost: read again and retry.
            unsure = number;
            await Task.Delay(Backoff(attempt), cancellationToken); // a real wait, not a clock read
        }
    }

    /// <summary>
    /// Stores a new revision of each report in <paramref name="drafts"/> (one per unit, at most <see cref="TableBatch.MaxOperations"/>),
    /// all or none, as a PUT of each would (lateness from the first receipt, the review state a new revision gets, its history event).
    /// All rows are in the month's partition, but a report's revision, event and pointer are three rows, so the import is written in
    /// two steps: first every revision and event row (in transactions of at most 100), which no reader shows because they lie above
    /// their report's pointer; then every pointer in one transaction (one per unit, so at most 100), each guarded by the ETag it was
    /// read with. Until that last transaction commits nothing is visible; if it fails on a conflict (another writer, a month lock) the
    /// whole import is read and tried again, and a failure midway leaves only rows above the pointers, which the next writer of
    /// that number replaces (a PUT, a review or an import upserts them in the transaction that moves the pointer; an import replaces
    /// them by the ETag it read, so that a revision a PUT made visible meanwhile is never overwritten).
    /// </summary>
    public async Task<ImportOutcome> ImportAsync(
        string compactId, Period period, IReadOnlyList<(string UnitId, RevisionDraft Draft)> drafts, Func<DateTimeOffset, bool> isLate,
        Func<CancellationToken, Task<bool>> monthHasFinalRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        if (drafts.Count is 0 or > TableBatch.MaxOperations)
        {
            throw new ArgumentOutOfRangeException(nameof(drafts), $"An import holds 1 to {TableBatch.MaxOperations} reports.");
        }

        var table = await tables.GetAsync(Tables.ReportsName);
        var partition = PartitionKey(compactId, period);
        for (var attempt = 1; attempt <= MaxImportAttempts; attempt++)
        {
            var pointers = (await TableRows.WithPrefixAsync(table, partition, "cur_", cancellationToken)).ToDictionary(e => e.RowKey, StringComparer.Ordinal);
            var leftovers = new Dictionary<string, ETag>(StringComparer.Ordinal);
            foreach (var prefix in new[] { "rev_", "evt_" })
            {
                var (from, to) = TableKeys.PrefixRange(prefix);
                await foreach (var row in table.QueryAsync<TableEntity>(
                    e => e.PartitionKey == partition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0, select: ["RowKey"], cancellationToken: cancellationToken))
                {
                    leftovers[row.RowKey] = row.ETag;
                }
            }

            var now = time.GetUtcNow();
            var staged = new List<TableTransactionAction>();
            var moves = new List<TableTransactionAction>();
            var stored = new List<SubmitOutcome.Stored>();
            var refused = new List<(string UnitId, SubmitOutcome Outcome)>();
            foreach (var (unitId, draft) in drafts)
            {
                var pointer = pointers.GetValueOrDefault(PointerKey(unitId));
                var previousReceivedAt = pointer?.GetDateTimeOffset("ReceivedAt");
                if (previousReceivedAt is { } previous && ReportReceipt.GoesBack(draft.ReceivedAt, draft.ReceivedAtGiven, previous))
                {
                    refused.Add((unitId, new SubmitOutcome.ReceivedBeforePrevious(previous)));
                    continue;
                }

                var number = (pointer?.GetInt32("Revision") ?? 0) + 1;
                var status = pointer is not null && IsReport(pointer) ? ReviewRows.ReadStatus(pointer) : null;
                var locked = pointer?.GetBoolean("Locked") ?? false;
                var transition = Decide(status, byAdmin: true, locked);
                if (!transition.Allowed)
                {
                    refused.Add((unitId, new SubmitOutcome.Refused(status?.State, number - 1, transition.Refusal ?? "The report cannot take a new revision now.")));
                    continue;
                }

                if (locked && transition.Event != ReviewEventKind.LockedCorrection && !await monthHasFinalRun(cancellationToken))
                {
                    refused.Add((unitId, new SubmitOutcome.Refused(status?.State, number - 1, "The month's final standings are being written; import again in a moment.")));
                    continue;
                }

                var write = new PendingWrite(compactId, period, unitId, partition, draft, isLate, null, null, Guid.NewGuid().ToString("N"), ByAdmin: true);
                var current = status is null && locked ? new ReviewStatus(ReviewState.Submitted, null, true, 0, null, null) : status;
                var receivedAt = ReportReceipt.NeverBefore(draft.ReceivedAt, draft.ReceivedAtGiven, previousReceivedAt);
                var (revision, revisionRow, pointerRow) = Entities(
                    write, number, pointer?.GetDateTimeOffset("FirstReceivedAt") ?? draft.ReceivedAt, receivedAt, current, transition, now);
                if (TableLimits.Problem(pointerRow) is { } problem)
                {
                    refused.Add((unitId, new SubmitOutcome.TooLarge(problem)));
                    continue;
                }

                var events = ReviewRows.ReadStatus(pointerRow).Events;
                var reviewEvent = new ReviewEvent(now, draft.SubmittedBy, transition.Event, number, current?.State, transition.To, null);
                staged.Add(Staged(revisionRow, leftovers));
                staged.Add(Staged(ReviewRows.EventRow(partition, unitId, events, reviewEvent), leftovers));
                moves.Add(pointer is null
                    ? new(TableTransactionActionType.Add, pointerRow)
                    : new(TableTransactionActionType.UpdateReplace, pointerRow, pointer.ETag));
                stored.Add(new SubmitOutcome.Stored(revision, null, reviewEvent));
            }

            if (refused.Count > 0)
            {
                return new ImportOutcome.Refused(refused);
            }

            try
            {
                foreach (var chunk in staged.Chunk(TableBatch.MaxOperations))
                {
                    await TableBatch.SubmitAsync(table, chunk, cancellationToken);
                }

                var responses = await TableBatch.SubmitAsync(table, moves, cancellationToken);
                foreach (var (unitId, _) in drafts)
                {
                    _pointers.TryRemove((partition, unitId), out _);
                }

                return new ImportOutcome.Stored([.. stored.Select((s, i) => s with { ETag = responses.Value[i].Headers.ETag?.ToString() })]);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another writer moved a pointer (or wrote the number we staged) after our read: read everything again.
                await Task.Delay(Backoff(attempt), cancellationToken); // a real wait, not a clock read
            }
        }

        return new ImportOutcome.TooMuchContention();
    }

    /// <summary>How many times an import reads and writes again when other writers keep moving its reports' pointers.</summary>
    public const int MaxImportAttempts = 20;

    /// <summary>A row an import writes above its report's pointer: added, or replacing a failed import's leftover by the ETag read.</summary>
    private static TableTransactionAction Staged(TableEntity row, Dictionary<string, ETag> leftovers) =>
        leftovers.TryGetValue(row.RowKey, out var etag)
            ? new(TableTransactionActionType.UpdateReplace, row, etag)
            : new(TableTransactionActionType.Add, row);

    private sealed record PendingWrite(
        string CompactId, Period Period, string UnitId, string Partition, RevisionDraft Draft, Func<DateTimeOffset, bool> IsLate,
        IdempotencyToken? Idempotency, string? IdempotencyKey, string WriteId, bool ByAdmin);

    private static Transition Decide(ReviewStatus? current, bool byAdmin, bool? locked = null) =>
        ReviewRules.OnRevision(current?.State, locked ?? current?.Locked ?? false, byAdmin);

    /// <summary>
    /// The revision, the pointer (added, or replaced if it still has <paramref name="pointerETag"/>) and the idempotency record, as one
    /// transaction; null when it failed on a conflict (another writer came first, or our own committed attempt whose reply was lost).
    /// </summary>
    private async Task<SubmitOutcome.Stored?> TryWriteAsync(
        TableClient table, PendingWrite write, int number, DateTimeOffset firstReceivedAt, DateTimeOffset? previousReceivedAt, ETag? pointerETag,
        ReviewStatus? current, Transition transition, CancellationToken cancellationToken)
    {
        var receivedAt = ReportReceipt.NeverBefore(write.Draft.ReceivedAt, write.Draft.ReceivedAtGiven, previousReceivedAt);
        var now = time.GetUtcNow();
        var (revision, revisionEntity, pointerEntity) = Entities(write, number, firstReceivedAt, receivedAt, current, transition, now);
        var status = ReviewRows.ReadStatus(pointerEntity);
        var reviewEvent = new ReviewEvent(now, write.Draft.SubmittedBy, transition.Event, number, current?.State, transition.To, null);
        // The revision and its event replace whatever an import that failed midway left at their keys (rows above the pointer, which
        // no reader shows); the pointer's ETag (or its Add) in the same transaction is what guards them.
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpsertReplace, revisionEntity),
            pointerETag is { } etag
                ? new(TableTransactionActionType.UpdateReplace, pointerEntity, etag)
                : new(TableTransactionActionType.Add, pointerEntity),
            new(TableTransactionActionType.UpsertReplace, ReviewRows.EventRow(write.Partition, write.UnitId, status.Events, reviewEvent)),
        };
        if (write.IdempotencyKey is not null)
        {
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(write.Partition, write.IdempotencyKey)
            {
                ["RequestHash"] = write.Idempotency!.RequestHash,
                ["Revision"] = number,
                ["CreatedAt"] = time.GetUtcNow(),
            }));
        }

        try
        {
            var responses = await TableBatch.SubmitAsync(table, actions, cancellationToken);
            var newETag = responses.Value[1].Headers.ETag ?? default;
            Remember(write.Partition, write.UnitId, new PointerState(newETag, number, firstReceivedAt, revision.ReceivedAt, status));
            return new SubmitOutcome.Stored(revision, newETag.ToString(), reviewEvent);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
        }
        catch (Exception ex) when (StorageFailures.IsTransient(ex))
        {
            return null; // the transaction may or may not have committed: the next read finds out (or fails as storage is down)
        }
    }

    private void Remember(string partition, string unitId, PointerState state)
    {
        if (_pointers.Count >= MaxRememberedPointers)
        {
            _pointers.Clear();
        }

        _pointers[(partition, unitId)] = state;
    }

    private sealed record ReadState(TableEntity? Pointer, TableEntity? Record, TableEntity? Tried);

    /// <summary>The pointer, the idempotency record and the revision last tried, whichever are asked for, in one round trip.</summary>
    private static async Task<ReadState> ReadAsync(
        TableClient table, string partition, string pointerKey, string? idempotencyKey, string? triedKey, CancellationToken cancellationToken)
    {
        if (idempotencyKey is null && triedKey is null)
        {
            var response = await table.GetEntityIfExistsAsync<TableEntity>(partition, pointerKey, cancellationToken: cancellationToken);
            return new ReadState(response.HasValue ? response.Value : null, null, null);
        }

        var found = await TableRows.ByKeysAsync(table, partition, [pointerKey, idempotencyKey, triedKey], cancellationToken);

        return new ReadState(
            found.GetValueOrDefault(pointerKey),
            idempotencyKey is null ? null : found.GetValueOrDefault(idempotencyKey),
            triedKey is null ? null : found.GetValueOrDefault(triedKey));
    }

    /// <summary>
    /// Locks (or unlocks) the month's reports for its final run: each member's pointer gets <c>Locked</c> (a placeholder pointer for a
    /// member without a report), so that every review, explanation or revision whose transaction read the pointer before fails on
    /// its ETag and reads the lock. What the final run reads after this is what it is final on.
    /// </summary>
    public async Task SetMonthLockAsync(string compactId, Period period, IEnumerable<string> unitIds, bool locked, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.ReportsName);
        var partition = PartitionKey(compactId, period);
        var actions = unitIds.Select(u => new TableTransactionAction(
            TableTransactionActionType.UpsertMerge, new TableEntity(partition, PointerKey(u)) { ["Locked"] = locked })).ToList();
        foreach (var chunk in actions.Chunk(TableBatch.MaxOperations))
        {
            await TableBatch.SubmitAsync(table, chunk, cancellationToken);
        }

        foreach (var key in _pointers.Keys.Where(k => k.Partition == partition))
        {
            _pointers.TryRemove(key, out _);
        }
    }

    /// <summary>Another writer (a review) changed the pointer: the next revision reads it first.</summary>
    public void Forget(string compactId, Period period, string unitId) => _pointers.TryRemove((PartitionKey(compactId, period), unitId), out _);

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 + (Math.Min(attempt, 10) * 10)));

    /// <summary>The revision <paramref name="number"/> of <paramref name="write"/>, its row and the pointer to it.</summary>
    private static (ReportRevision Revision, TableEntity Row, TableEntity Pointer) Entities(
        PendingWrite write, int number, DateTimeOffset firstReceivedAt, DateTimeOffset receivedAt, ReviewStatus? current, Transition transition,
        DateTimeOffset now)
    {
        var revision = new ReportRevision(write.CompactId, write.Period, write.UnitId, number, receivedAt,
            write.IsLate(firstReceivedAt), write.Draft.Values, write.Draft.Note, write.Draft.SubmittedBy);
        var values = JsonSerializer.Serialize(revision.Values, StorageJson.Options);
        TableEntity Entity(string rowKey)
        {
            var entity = new TableEntity(write.Partition, rowKey)
            {
                ["WriteId"] = write.WriteId,
                ["Revision"] = revision.Revision,
                ["ReceivedAt"] = revision.ReceivedAt,
                ["Late"] = revision.Late,
                ["Note"] = revision.Note,
                ["SubmittedBy"] = revision.SubmittedBy,
            };
            TableLimits.SetChunked(entity, "Values", values);
            return entity;
        }

        var pointer = Entity(PointerKey(write.UnitId));
        pointer["FirstReceivedAt"] = firstReceivedAt;
        ReviewRows.WriteStatus(pointer, new ReviewStatus(
            transition.To,
            transition.To == ReviewState.Submitted ? now : current?.SubmittedAt,
            current?.Locked ?? false,
            (current?.Events ?? 0) + 1,
            current?.LastReview,
            transition.Event == ReviewEventKind.LockedCorrection ? revision.Values : null));
        return (revision, Entity(RevisionKey(write.UnitId, number)), pointer);
    }

    public static ReportRevision ToRevision(TableEntity entity, string compactId, Period period, string unitId) => new(
        compactId,
        period,
        unitId,
        entity.GetInt32("Revision") ?? 0,
        entity.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue,
        entity.GetBoolean("Late") ?? false,
        JsonSerializer.Deserialize<Dictionary<string, ReportValue>>(TableLimits.GetChunked(entity, "Values") ?? "{}", StorageJson.Options) ?? [],
        entity.GetString("Note"),
        entity.GetString("SubmittedBy") ?? "");
}
