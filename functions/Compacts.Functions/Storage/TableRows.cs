namespace Compacts.Functions.Storage;

/// <summary>Reads of several rows of one partition in one round trip, and ids for rows written once.</summary>
public static class TableRows
{
    /// <summary>The rows of <paramref name="partition"/> with any of <paramref name="keys"/> (nulls skipped), by RowKey.</summary>
    public static async Task<Dictionary<string, TableEntity>> ByKeysAsync(
        TableClient table, string partition, IEnumerable<string?> keys, CancellationToken cancellationToken)
    {
        var filter = $"PartitionKey eq '{partition}' and ({string.Join(" or ", keys.OfType<string>().Select(k => $"RowKey eq '{k}'"))})";
        var found = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            found[entity.RowKey] = entity;
        }

        return found;
    }

    /// <summary>The rows of <paramref name="partition"/> whose RowKey starts with <paramref name="prefix"/>, in key order.</summary>
    public static async Task<List<TableEntity>> WithPrefixAsync(TableClient table, string partition, string prefix, CancellationToken cancellationToken)
    {
        var (from, to) = TableKeys.PrefixRange(prefix);
        var rows = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == partition && e.RowKey.CompareTo(from) >= 0 && e.RowKey.CompareTo(to) < 0, cancellationToken: cancellationToken))
        {
            rows.Add(entity);
        }

        return rows;
    }

    /// <summary>Sortable by time, fixed length, unique: yyyyMMddHHmmssfff plus 6 random hex digits (standings runs, reviews, explanations).</summary>
    public static string NewId(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)
        + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));
}
