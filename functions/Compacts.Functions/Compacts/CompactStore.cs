namespace Compacts.Functions.Compacts;

/// <summary>
/// Compacts: table <c>compacts</c>, PartitionKey "compact", RowKey compactId. The definition is JSON split over
/// <c>Definition0..n</c> (a string property holds at most 32K characters); <c>Members</c> lists unit ids for filtering. A compact
/// whose entity Azure would refuse (over 1 MiB counted as Azure counts, see <see cref="TableLimits"/>) is refused as too large.
/// </summary>
public sealed class CompactStore(Tables tables, TimeProvider time, Microsoft.Extensions.Options.IOptions<StorageOptions> options)
{
    private readonly ReadCache<string, StoredCompact> _cache = new(time, TimeSpan.FromSeconds(options.Value.CacheSeconds));

    private const string Partition = "compact";

    /// <param name="fresh">Read the table, not the cache (a conditional write compares the current ETag).</param>
    public Task<StoredCompact?> GetAsync(string compactId, CancellationToken cancellationToken, bool fresh = false) =>
        fresh ? ReadAsync(compactId, cancellationToken) : _cache.GetOrReadAsync(compactId, () => ReadAsync(compactId, cancellationToken));

    private async Task<StoredCompact?> ReadAsync(string compactId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.CompactsName);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, compactId, cancellationToken: cancellationToken);
        return response.HasValue ? ToStored(response.Value!) : null;
    }

    public async Task<IReadOnlyList<StoredCompact>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.CompactsName);
        var compacts = new List<StoredCompact>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            compacts.Add(ToStored(entity));
        }

        return compacts;
    }

    /// <summary>
    /// Every active compact's calendar only (year, time zone, reporting rules; a projection, not the definitions), and whether its
    /// months become final only when every report is confirmed. Drafts are left out: they have no reports, standings or reminders.
    /// </summary>
    public async Task<IReadOnlyList<(string CompactId, CompactCalendar Calendar, bool ReviewRequired)>> ListCalendarsAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.CompactsName);
        var calendars = new List<(string, CompactCalendar, bool)>();
        await foreach (var entity in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == Partition, select: ["RowKey", "Year", "TimeZone", "Reporting", "ReviewRequired", "Status"], cancellationToken: cancellationToken))
        {
            if (entity.GetString("Status") == "draft")
            {
                continue;
            }

            var rules = JsonSerializer.Deserialize<ReportingRules>(entity.GetString("Reporting") ?? "null", StorageJson.Options);
            if (rules is not null && entity.GetInt32("Year") is { } year && entity.GetString("TimeZone") is { } zone)
            {
                calendars.Add((entity.RowKey, new CompactCalendar(zone, year, rules), entity.GetBoolean("ReviewRequired") ?? false));
            }
        }

        return calendars;
    }

    /// <summary>Creates or replaces; <paramref name="ifMatch"/> "*" or an ETag guards a replace, <paramref name="ifNoneMatchAny"/> makes it create-only.</summary>
    public async Task<(PutOutcome Outcome, string? ETag)> PutAsync(
        string compactId, Compact compact, string? ifMatch, bool ifNoneMatchAny, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.CompactsName);
        var entity = new TableEntity(Partition, compactId)
        {
            ["Title"] = compact.Title,
            ["Year"] = compact.Year,
            ["Members"] = string.Join(',', compact.Members.Select(m => m.UnitId)),
            ["TimeZone"] = compact.TimeZone,
            ["Reporting"] = JsonSerializer.Serialize(compact.Reporting, StorageJson.Options),
            ["ReviewRequired"] = compact.Review.Required,
            ["Status"] = compact.IsDraft() ? "draft" : "active",
        };
        TableLimits.SetChunked(entity, "Definition", JsonSerializer.Serialize(compact, StorageJson.Options));
        if (TableLimits.Problem(entity) is not null)
        {
            return (PutOutcome.TooLarge, null); // Azure would refuse the entity (1 MiB, counted in UTF-16)
        }

        return await _cache.WriteAsync(compactId, () => WriteAsync(table, entity, ifMatch, ifNoneMatchAny, cancellationToken));
    }

    private static async Task<(PutOutcome Outcome, string? ETag)> WriteAsync(
        TableClient table, TableEntity entity, string? ifMatch, bool ifNoneMatchAny, CancellationToken cancellationToken)
    {
        try
        {
            if (ifMatch is null)
            {
                try
                {
                    var added = await table.AddEntityAsync(entity, cancellationToken);
                    return (PutOutcome.Created, added.Headers.ETag?.ToString());
                }
                catch (RequestFailedException ex) when (ex.Status == 409)
                {
                    if (ifNoneMatchAny)
                    {
                        return (PutOutcome.PreconditionFailed, null);
                    }
                }

                ifMatch = "*";
            }

            var updated = await table.UpdateEntityAsync(entity, new ETag(ifMatch), TableUpdateMode.Replace, cancellationToken);
            return (PutOutcome.Replaced, updated.Headers.ETag?.ToString());
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return (PutOutcome.PreconditionFailed, null);
        }
    }

    private static StoredCompact ToStored(TableEntity entity)
    {
        var compact = JsonSerializer.Deserialize<Compact>(TableLimits.GetChunked(entity, "Definition") ?? "null", StorageJson.Options)
            ?? throw new InvalidDataException($"Compact '{entity.RowKey}' has no definition.");
        return new StoredCompact(entity.RowKey, compact, entity.ETag.ToString());
    }
}
