using System.Security.Cryptography;

namespace Compacts.Functions.Reports;

/// <summary>
/// Monthly reports: table <c>reports</c>, PartitionKey <c>{compactId}_{period}</c> (one partition per compact and month), RowKeys
/// <c>cur_{unitId}</c> (pointer: current revision number, first receipt, a copy of the current revision; its ETag is the report's),
/// <c>rev_{unitId}_{revision:D6}</c> (immutable revisions) and <c>idem_{unitId}_{sha256(key)}</c> (idempotency records).
/// A revision, its pointer update and its idempotency record are one entity-group transaction; the pointer's ETag makes
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

    private sealed record PointerState(ETag ETag, int Revision, DateTimeOffset FirstReceivedAt, DateTimeOffset ReceivedAt);

    public static string PartitionKey(string compactId, Period period) => TableKeys.MonthPartition(compactId, period);

    public static string PointerKey(string unitId) => $"cur_{unitId}";

    private static readonly (string From, string To) PointerRange = TableKeys.PrefixRange("cur_");

    public static string RevisionKey(string unitId, int revision) =>
        string.Create(CultureInfo.InvariantCulture, $"rev_{unitId}_{revision:D6}");

    public async Task<(ReportRevision Revision, string ETag)?> GetCurrentAsync(
        string compactId, Period period, string unitId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.ReportsName);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(
            PartitionKey(compactId, period), PointerKey(unitId), cancellationToken: cancellationToken);
        return response.HasValue ? (ToRevision(response.Value!, compactId, period, unitId), response.Value!.ETag.ToString()) : null;
    }

    public async Task<IReadOnlyList<ReportRevision>> GetRevisionsAsync(
        string compactId, Period period, string unitId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.ReportsName);
        var partition = PartitionKey(compactId, period);
        var (from, to) = TableKeys.PrefixRange($"rev_{unitId}_");
        var revisions = new List<ReportRevision>();
        await foreach (var entity in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == partition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0,
            cancellationToken: cancellationToken))
        {
            revisions.Add(ToRevision(entity, compactId, period, unitId));
        }

        return revisions;
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
            reports.Add(ToRevision(entity, compactId, period, entity.RowKey["cur_".Length..]));
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
            if (Period.TryParse(entity.PartitionKey[(compactId.Length + 1)..], out var period))
            {
                var unitId = entity.RowKey["cur_".Length..];
                pointers.Add(new ReportPointer(
                    ToRevision(entity, compactId, period, unitId),
                    entity.GetDateTimeOffset("FirstReceivedAt") ?? DateTimeOffset.MinValue));
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
        CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.ReportsName);
        var partition = PartitionKey(compactId, period);
        var pointerKey = PointerKey(unitId);
        var idempotencyKey = idempotency is null ? null : $"idem_{unitId}_{idempotency.RowKeySuffix()}";
        var write = new PendingWrite(compactId, period, unitId, partition, draft, isLate, idempotency, idempotencyKey, Guid.NewGuid().ToString("N"));
        int? unsure = null; // the revision number of a transaction that failed: it may still be ours (a lost reply)
        if (TableLimits.Problem(Entities(write, MaxRevision, draft.ReceivedAt, draft.ReceivedAt).Pointer) is { } problem)
        {
            return new SubmitOutcome.TooLarge(problem);
        }

        // The remembered pointer carries the current receivedAt, so the warm write checks it without a read (an earlier receivedAt
        // goes to the read below, which answers a replay of an idempotent request before refusing).
        if (_pointers.TryGetValue((partition, unitId), out var known) && (ifMatch is null or "*" || ifMatch == known.ETag.ToString())
            && !ReportReceipt.GoesBack(draft.ReceivedAt, draft.ReceivedAtGiven, known.ReceivedAt))
        {
            if (await TryWriteAsync(table, write, known.Revision + 1, known.FirstReceivedAt, known.ReceivedAt, known.ETag, cancellationToken) is { } stored)
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
            if (await TryWriteAsync(table, write, number, firstReceivedAt, previousReceivedAt, pointer?.ETag, cancellationToken) is { } stored)
            {
                return stored;
            }

            // Another writer took this revision number (or the key) first, or our own reply was lost: read again and retry.
            unsure = number;
            await Task.Delay(Backoff(attempt), cancellationToken); // a real wait, not a clock read
        }
    }

    private sealed record PendingWrite(
        string CompactId, Period Period, string UnitId, string Partition, RevisionDraft Draft, Func<DateTimeOffset, bool> IsLate,
        IdempotencyToken? Idempotency, string? IdempotencyKey, string WriteId);

    /// <summary>
    /// The revision, the pointer (added, or replaced if it still has <paramref name="pointerETag"/>) and the idempotency record, as one
    /// transaction; null when it failed on a conflict (another writer came first, or our own committed attempt whose reply was lost).
    /// </summary>
    private async Task<SubmitOutcome.Stored?> TryWriteAsync(
        TableClient table, PendingWrite write, int number, DateTimeOffset firstReceivedAt, DateTimeOffset? previousReceivedAt, ETag? pointerETag,
        CancellationToken cancellationToken)
    {
        var receivedAt = ReportReceipt.NeverBefore(write.Draft.ReceivedAt, write.Draft.ReceivedAtGiven, previousReceivedAt);
        var (revision, revisionEntity, pointerEntity) = Entities(write, number, firstReceivedAt, receivedAt);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, revisionEntity),
            pointerETag is { } etag
                ? new(TableTransactionActionType.UpdateReplace, pointerEntity, etag)
                : new(TableTransactionActionType.Add, pointerEntity),
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
            Remember(write.Partition, write.UnitId, new PointerState(newETag, number, firstReceivedAt, revision.ReceivedAt));
            return new SubmitOutcome.Stored(revision, newETag.ToString());
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

        var keys = new[] { pointerKey, idempotencyKey, triedKey }.OfType<string>().ToList();
        var filter = $"PartitionKey eq '{partition}' and ({string.Join(" or ", keys.Select(k => $"RowKey eq '{k}'"))})";
        var found = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            found[entity.RowKey] = entity;
        }

        return new ReadState(
            found.GetValueOrDefault(pointerKey),
            idempotencyKey is null ? null : found.GetValueOrDefault(idempotencyKey),
            triedKey is null ? null : found.GetValueOrDefault(triedKey));
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 + (Math.Min(attempt, 10) * 10)));

    /// <summary>The revision <paramref name="number"/> of <paramref name="write"/>, its row and the pointer to it.</summary>
    private static (ReportRevision Revision, TableEntity Row, TableEntity Pointer) Entities(
        PendingWrite write, int number, DateTimeOffset firstReceivedAt, DateTimeOffset receivedAt)
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
        return (revision, Entity(RevisionKey(write.UnitId, number)), pointer);
    }

    private static ReportRevision ToRevision(TableEntity entity, string compactId, Period period, string unitId) => new(
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
