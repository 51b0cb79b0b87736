using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Compacts.Domain;
using Compacts.Functions.Http;

namespace Compacts.Functions.Storage;

/// <summary>What a caller asks to store as the next revision.</summary>
public sealed record RevisionDraft(
    IReadOnlyDictionary<string, ReportValue> Values,
    string? Note,
    DateTimeOffset ReceivedAt,
    string SubmittedBy);

/// <summary>A report's current revision with the time its first revision was received (which decides lateness).</summary>
public sealed record ReportPointer(ReportRevision Current, DateTimeOffset FirstReceivedAt);

/// <summary>An idempotency key with the hash of the request it came with.</summary>
public sealed record IdempotencyToken(string Key, string RequestHash)
{
    public string RowKeySuffix() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key)))[..40];
}

public abstract record SubmitOutcome
{
    public sealed record Stored(ReportRevision Revision, string ETag) : SubmitOutcome;

    public sealed record Replayed(ReportRevision Revision, string? ETag) : SubmitOutcome;

    public sealed record KeyReusedWithOtherRequest : SubmitOutcome;

    public sealed record PreconditionFailed : SubmitOutcome;

    public sealed record TooMuchContention : SubmitOutcome;
}

/// <summary>
/// Monthly reports: table <c>reports</c>, PartitionKey <c>{compactId}_{period}</c> (one partition per compact and month), RowKeys
/// <c>cur_{unitId}</c> (pointer: current revision number, first receipt, a copy of the current revision; its ETag is the report's),
/// <c>rev_{unitId}_{revision:D6}</c> (immutable revisions) and <c>idem_{unitId}_{sha256(key)}</c> (idempotency records).
/// A revision, its pointer update and its idempotency record are one entity-group transaction; the pointer's ETag makes
/// concurrent writers retry, so revision numbers are gapless and none is lost.
/// </summary>
public sealed class ReportStore(Tables tables, TimeProvider time)
{
    public const int MaxAttempts = 200;
    private const int MaxRememberedPointers = 100_000;

    /// <summary>The pointer of each report as this instance last wrote it: the next write needs no read (its ETag guards it).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Partition, string Unit), PointerState> _pointers = new();

    private sealed record PointerState(ETag ETag, int Revision, DateTimeOffset FirstReceivedAt);

    public static string PartitionKey(string compactId, Period period) => $"{compactId}_{period}";

    public static string PointerKey(string unitId) => $"cur_{unitId}";

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
        var from = $"rev_{unitId}_";
        var to = $"rev_{unitId}`"; // '`' follows '_'
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
        var reports = new List<ReportRevision>();
        await foreach (var entity in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == partition && e.RowKey.CompareTo("cur_") >= 0 && e.RowKey.CompareTo("cur`") < 0,
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
        var pointers = new List<ReportPointer>();
        await foreach (var entity in table.QueryAsync<TableEntity>(
            e => e.PartitionKey.CompareTo(low) >= 0 && e.PartitionKey.CompareTo(high) <= 0
                && e.RowKey.CompareTo("cur_") >= 0 && e.RowKey.CompareTo("cur`") < 0,
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
        var write = new PendingWrite(compactId, period, unitId, partition, draft, isLate, idempotency, idempotencyKey);

        if (_pointers.TryGetValue((partition, unitId), out var known) && (ifMatch is null or "*" || ifMatch == known.ETag.ToString()))
        {
            if (await TryWriteAsync(table, write, known.Revision + 1, known.FirstReceivedAt, known.ETag, cancellationToken) is { } stored)
            {
                return stored;
            }

            _pointers.TryRemove((partition, unitId), out _);
        }

        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var (pointer, record) = await ReadPointerAsync(table, partition, pointerKey, idempotencyKey, cancellationToken);

            if (record is not null)
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

            var number = (pointer?.GetInt32("Revision") ?? 0) + 1;
            var firstReceivedAt = pointer?.GetDateTimeOffset("FirstReceivedAt") ?? draft.ReceivedAt;
            if (await TryWriteAsync(table, write, number, firstReceivedAt, pointer?.ETag, cancellationToken) is { } stored)
            {
                return stored;
            }

            // Another writer took this revision number (or the key) first: read again and retry.
            await Task.Delay(Backoff(attempt), cancellationToken); // a real wait, not a clock read
        }

        return new SubmitOutcome.TooMuchContention();
    }

    private sealed record PendingWrite(
        string CompactId, Period Period, string UnitId, string Partition, RevisionDraft Draft, Func<DateTimeOffset, bool> IsLate,
        IdempotencyToken? Idempotency, string? IdempotencyKey);

    /// <summary>The revision, the pointer (added, or replaced if it still has <paramref name="pointerETag"/>) and the idempotency record, as one transaction; null when another writer came first.</summary>
    private async Task<SubmitOutcome.Stored?> TryWriteAsync(
        TableClient table, PendingWrite write, int number, DateTimeOffset firstReceivedAt, ETag? pointerETag, CancellationToken cancellationToken)
    {
        var revision = new ReportRevision(write.CompactId, write.Period, write.UnitId, number, write.Draft.ReceivedAt,
            write.IsLate(firstReceivedAt), write.Draft.Values, write.Draft.Note, write.Draft.SubmittedBy);
        var values = JsonSerializer.Serialize(revision.Values, ApiJson.Options);
        var pointerEntity = ToEntity(revision, values, write.Partition, PointerKey(write.UnitId));
        pointerEntity["FirstReceivedAt"] = firstReceivedAt;
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, ToEntity(revision, values, write.Partition, RevisionKey(write.UnitId, number))),
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
            Remember(write.Partition, write.UnitId, new PointerState(newETag, number, firstReceivedAt));
            return new SubmitOutcome.Stored(revision, newETag.ToString());
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return null;
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

    private static async Task<(TableEntity? Pointer, TableEntity? Record)> ReadPointerAsync(
        TableClient table, string partition, string pointerKey, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (idempotencyKey is null)
        {
            var response = await table.GetEntityIfExistsAsync<TableEntity>(partition, pointerKey, cancellationToken: cancellationToken);
            return (response.HasValue ? response.Value : null, null);
        }

        // One round trip for both the pointer and the idempotency record.
        TableEntity? pointer = null, record = null;
        await foreach (var entity in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == partition && (e.RowKey == pointerKey || e.RowKey == idempotencyKey),
            cancellationToken: cancellationToken))
        {
            if (entity.RowKey == pointerKey)
            {
                pointer = entity;
            }
            else
            {
                record = entity;
            }
        }

        return (pointer, record);
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 + (Math.Min(attempt, 10) * 10)));

    private static TableEntity ToEntity(ReportRevision revision, string valuesJson, string partition, string rowKey) => new(partition, rowKey)
    {
        ["Revision"] = revision.Revision,
        ["ReceivedAt"] = revision.ReceivedAt,
        ["Late"] = revision.Late,
        ["Values"] = valuesJson,
        ["Note"] = revision.Note,
        ["SubmittedBy"] = revision.SubmittedBy,
    };

    private static ReportRevision ToRevision(TableEntity entity, string compactId, Period period, string unitId) => new(
        compactId,
        period,
        unitId,
        entity.GetInt32("Revision") ?? 0,
        entity.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue,
        entity.GetBoolean("Late") ?? false,
        JsonSerializer.Deserialize<Dictionary<string, ReportValue>>(entity.GetString("Values") ?? "{}", ApiJson.Options) ?? [],
        entity.GetString("Note"),
        entity.GetString("SubmittedBy") ?? "");
}
