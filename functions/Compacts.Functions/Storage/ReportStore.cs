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

    /// <summary>Stores the next revision. <paramref name="isLate"/> decides lateness from the report's first receipt.</summary>
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
            var revision = new ReportRevision(
                compactId, period, unitId, number, draft.ReceivedAt, isLate(firstReceivedAt), draft.Values, draft.Note, draft.SubmittedBy);

            var revisionEntity = ToEntity(revision, partition, RevisionKey(unitId, number));
            var pointerEntity = ToEntity(revision, partition, pointerKey);
            pointerEntity["FirstReceivedAt"] = firstReceivedAt;

            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.Add, revisionEntity),
                pointer is null
                    ? new(TableTransactionActionType.Add, pointerEntity)
                    : new(TableTransactionActionType.UpdateReplace, pointerEntity, pointer.ETag),
            };
            if (idempotencyKey is not null)
            {
                actions.Add(new(TableTransactionActionType.Add, new TableEntity(partition, idempotencyKey)
                {
                    ["RequestHash"] = idempotency!.RequestHash,
                    ["Revision"] = number,
                    ["CreatedAt"] = time.GetUtcNow(),
                }));
            }

            try
            {
                var responses = await TableBatch.SubmitAsync(table, actions, cancellationToken);
                return new SubmitOutcome.Stored(revision, responses.Value[1].Headers.ETag?.ToString() ?? "");
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another writer took this revision number (or the key) first: read again and retry.
                await Task.Delay(Backoff(attempt), cancellationToken); // a real wait, not a clock read
            }
        }

        return new SubmitOutcome.TooMuchContention();
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

    private static TableEntity ToEntity(ReportRevision revision, string partition, string rowKey) => new(partition, rowKey)
    {
        ["Revision"] = revision.Revision,
        ["ReceivedAt"] = revision.ReceivedAt,
        ["Late"] = revision.Late,
        ["Values"] = JsonSerializer.Serialize(revision.Values, ApiJson.Options),
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
