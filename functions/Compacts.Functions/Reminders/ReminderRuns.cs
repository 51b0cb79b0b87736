using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Compacts.Functions.Compacts;

namespace Compacts.Functions.Reminders;

/// <summary>
/// Reminder runs an admin asks for: one queue message per compact (the same worker as the daily timer's), and a record to read
/// the progress back. Table <c>mail</c>, PartitionKey <c>run_{runId}</c>: the row <c>run</c> (requested at and by, planned) and a
/// row <c>c_{compactId}</c> per compact, <c>planned</c> until its worker marks it <c>done</c> with its counts. Written in
/// transactions of at most 100 before any message is sent, the header last, so a visible run lists every compact it plans.
/// </summary>
public sealed partial class ReminderRuns(Tables tables, CompactStore compacts, WorkQueue<ReminderWork> queue, TimeProvider time)
{
    private const string HeaderRow = "run";

    public static bool IsValidRunId(string? runId) => runId is not null && RunIdPattern().IsMatch(runId);

    public async Task<ReminderRun> StartAsync(string requestedBy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var runId = now.UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var compactIds = (await compacts.ListCalendarsAsync(cancellationToken)).Select(c => c.CompactId).ToList();
        var partition = Partition(runId);
        var rows = compactIds.Select(id => new TableEntity(partition, CompactRow(id)) { ["State"] = "planned" })
            .Append(new TableEntity(partition, HeaderRow) { ["RequestedAt"] = now, ["RequestedBy"] = requestedBy, ["Planned"] = compactIds.Count })
            .Select(e => new TableTransactionAction(TableTransactionActionType.Add, e))
            .ToList();
        var table = await tables.GetAsync(Tables.MailName);
        foreach (var chunk in rows.Chunk(TableBatch.MaxOperations)) // the header is in the last chunk
        {
            await TableBatch.SubmitAsync(table, chunk, cancellationToken);
        }

        await queue.EnqueueAllAsync(compactIds.Select(id => new ReminderWork(id) { RunId = runId }), cancellationToken);
        return new ReminderRun(runId, now, requestedBy, compactIds.Count == 0 ? "done" : "running", compactIds.Count, 0, 0, 0, 0, 0,
            [.. compactIds.Select(id => new ReminderRunCompact(id, "planned", 0, 0, 0, 0))]);
    }

    /// <summary>Records a compact's outcome once: a redelivered message does not overwrite the first counts.</summary>
    public async Task MarkDoneAsync(string runId, string compactId, ReminderRunSummary summary, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.MailName);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(runId), CompactRow(compactId), cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value!.GetString("State") == "done")
        {
            return;
        }

        var done = new TableEntity(Partition(runId), CompactRow(compactId))
        {
            ["State"] = "done", ["DoneAt"] = time.GetUtcNow(),
            ["Owed"] = summary.Owed, ["Sent"] = summary.Sent, ["Failed"] = summary.Failed, ["Skipped"] = summary.Skipped,
        };
        try
        {
            await table.UpdateEntityAsync(done, row.Value.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // Another delivery of the same message recorded it first.
        }
    }

    public async Task<ReminderRun?> GetAsync(string runId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.MailName);
        var partition = Partition(runId);
        TableEntity? header = null;
        var perCompact = new List<ReminderRunCompact>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            if (entity.RowKey == HeaderRow)
            {
                header = entity;
                continue;
            }

            perCompact.Add(new ReminderRunCompact(entity.RowKey[2..], entity.GetString("State") ?? "planned", entity.GetInt32("Owed") ?? 0,
                entity.GetInt32("Sent") ?? 0, entity.GetInt32("Failed") ?? 0, entity.GetInt32("Skipped") ?? 0));
        }

        if (header is null)
        {
            return null; // unknown, or still being written
        }

        var done = perCompact.Count(c => c.State == "done");
        return new ReminderRun(runId, header.GetDateTimeOffset("RequestedAt") ?? default, header.GetString("RequestedBy") ?? "",
            done == perCompact.Count ? "done" : "running", perCompact.Count, done,
            perCompact.Sum(c => c.Owed), perCompact.Sum(c => c.Sent), perCompact.Sum(c => c.Failed), perCompact.Sum(c => c.Skipped), perCompact);
    }

    private static string Partition(string runId) => $"run_{runId}";

    private static string CompactRow(string compactId) => $"c_{compactId}";

    [GeneratedRegex("^[0-9]{17}[0-9a-f]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex RunIdPattern();
}
