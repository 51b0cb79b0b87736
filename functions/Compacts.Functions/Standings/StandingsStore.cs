using Compacts.Domain.Scoring;

namespace Compacts.Functions.Standings;

/// <summary>
/// Standings runs: table <c>standings</c>, PartitionKey <c>{compactId}_{period}</c>. RowKeys: <c>latest</c> (the visible run; its
/// ETag orders writers), <c>run_{runId}</c> (header: time, status, trigger, what it read) and <c>run_{runId}_r{0001}</c> (rows in
/// rank order; a row's JSON and the header's inputs are split into 30K-character properties, see <see cref="TableLimits"/>). A run and the pointer to it are one entity-group transaction when the rows fit (≤ 98); larger runs write their rows
/// first and the header with the pointer last, so a run that did not finish is never visible.
/// </summary>
public sealed class StandingsStore(Tables tables)
{
    private const string LatestKey = "latest";

    public static string PartitionKey(string compactId, Period period) => TableKeys.MonthPartition(compactId, period);

    public async Task<LatestRun?> GetLatestPointerAsync(string compactId, Period period, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.StandingsName);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(PartitionKey(compactId, period), LatestKey, cancellationToken: cancellationToken);
        if (!response.HasValue)
        {
            return null;
        }

        var entity = response.Value!;
        return new LatestRun(
            entity.GetString("RunId") ?? "",
            Enum.Parse<RunStatus>(entity.GetString("Status") ?? nameof(RunStatus.Provisional)),
            entity.GetString("InputsHash") ?? "",
            entity.ETag);
    }

    /// <summary>The period's latest run (what its <c>latest</c> pointer names), or null when none was written.</summary>
    public async Task<StandingsRun?> GetLatestRunAsync(string compactId, Period period, CancellationToken cancellationToken) =>
        await GetLatestPointerAsync(compactId, period, cancellationToken) is { } latest
            ? await GetRunAsync(compactId, period, latest.RunId, cancellationToken)
            : null;

    /// <summary>Whether the period's latest run is final (the month is then locked).</summary>
    public async Task<bool> IsFinalAsync(string compactId, Period period, CancellationToken cancellationToken) =>
        (await GetLatestPointerAsync(compactId, period, cancellationToken))?.Status == RunStatus.Final;

    public async Task<StandingsRun?> GetRunAsync(string compactId, Period period, string runId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.StandingsName);
        var partition = PartitionKey(compactId, period);
        var from = $"run_{runId}";
        var to = TableKeys.PrefixRange($"{from}_").To; // the header and its rows
        TableEntity? header = null;
        var rows = new List<StandingRow>();
        await foreach (var entity in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == partition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0,
            cancellationToken: cancellationToken))
        {
            if (entity.RowKey == from)
            {
                header = entity;
            }
            else
            {
                rows.Add(JsonSerializer.Deserialize<StandingRow>(TableLimits.GetChunked(entity, "Row")!, StorageJson.Options)!);
            }
        }

        return header is null ? null : new StandingsRun(
            compactId, period, runId,
            header.GetDateTimeOffset("ComputedAt")!.Value,
            Enum.Parse<RunStatus>(header.GetString("Status")!),
            header.GetString("Trigger") ?? "",
            header.GetString("InputsHash") ?? "",
            rows,
            header.GetString("Basis") is { } basis ? JsonSerializer.Deserialize<RunBasis>(basis, StorageJson.Options) : null);
    }

    public async Task<IReadOnlyList<RunSummary>> ListRunsAsync(string compactId, Period period, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.StandingsName);
        var partition = PartitionKey(compactId, period);
        var (from, to) = TableKeys.PrefixRange("run_");
        var runs = new List<RunSummary>();
        await foreach (var entity in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == partition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0 && e.GetString("Kind") == "run",
            select: ["RunId", "ComputedAt", "Status", "Trigger"],
            cancellationToken: cancellationToken))
        {
            runs.Add(new RunSummary(
                entity.GetString("RunId")!, entity.GetDateTimeOffset("ComputedAt")!.Value,
                Enum.Parse<RunStatus>(entity.GetString("Status")!), entity.GetString("Trigger") ?? ""));
        }

        return runs;
    }

    /// <summary>
    /// Writes the run and points <c>latest</c> at it, if <c>latest</c> is still <paramref name="expected"/>; false when the pointer
    /// moved, which includes our own write whose reply was lost after it committed (the caller reads <c>latest</c> to tell).
    /// </summary>
    public async Task<bool> TryWriteAsync(StandingsRun run, string inputsJson, LatestRun? expected, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.StandingsName);
        var partition = PartitionKey(run.CompactId, run.Period);
        var header = $"run_{run.RunId}";
        var rows = run.Rows.Select((row, i) =>
        {
            var entity = new TableEntity(partition, string.Create(CultureInfo.InvariantCulture, $"{header}_r{i + 1:D4}")) { ["Kind"] = "row" };
            TableLimits.SetChunked(entity, "Row", JsonSerializer.Serialize(row, StorageJson.Options));
            return new TableTransactionAction(TableTransactionActionType.Add, entity);
        }).ToList();

        var headerEntity = new TableEntity(partition, header)
        {
            ["Kind"] = "run",
            ["RunId"] = run.RunId,
            ["ComputedAt"] = run.ComputedAt,
            ["Status"] = run.Status.ToString(),
            ["Trigger"] = run.Trigger,
            ["InputsHash"] = run.InputsHash,
            ["RowCount"] = run.Rows.Count,
        };
        if (run.Basis is not null)
        {
            headerEntity["Basis"] = JsonSerializer.Serialize(run.Basis, StorageJson.Options);
        }

        TableLimits.SetChunked(headerEntity, "Inputs", inputsJson);
        var last = new List<TableTransactionAction> { new(TableTransactionActionType.Add, headerEntity) };
        var pointer = new TableEntity(partition, LatestKey)
        {
            ["RunId"] = run.RunId,
            ["Status"] = run.Status.ToString(),
            ["InputsHash"] = run.InputsHash,
            ["ComputedAt"] = run.ComputedAt,
        };
        last.Add(expected is null
            ? new(TableTransactionActionType.Add, pointer)
            : new(TableTransactionActionType.UpdateReplace, pointer, expected.ETag));

        if (rows.Concat(last).Select(a => TableLimits.Problem((TableEntity)a.Entity)).FirstOrDefault(p => p is not null) is { } problem)
        {
            // Only a compact of thousands of criteria gets here (rows and inputs are split into 30K-character properties).
            throw new InvalidOperationException($"The standings run of {partition} cannot be stored in Azure Table storage: {problem}.");
        }

        try
        {
            if (rows.Count + last.Count <= TableBatch.MaxOperations)
            {
                await TableBatch.SubmitAsync(table, [.. rows, .. last], cancellationToken);
                return true;
            }

            foreach (var chunk in rows.Chunk(TableBatch.MaxOperations))
            {
                try
                {
                    await TableBatch.SubmitAsync(table, chunk, cancellationToken);
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 409)
                {
                    // These row keys carry this run's own random id, so only this run writes them: the SDK retried a chunk whose
                    // reply was lost after it committed. The rows are there; go on.
                }
            }

            await TableBatch.SubmitAsync(table, last, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }
}
