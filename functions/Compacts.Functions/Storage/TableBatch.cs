namespace Compacts.Functions.Storage;

/// <summary>
/// Submits an entity-group transaction after checking the rules Azure enforces and Azurite does not:
/// one PartitionKey, at most 100 operations, each entity at most once.
/// </summary>
public static class TableBatch
{
    public const int MaxOperations = 100;

    public static Task<Response<IReadOnlyList<Response>>> SubmitAsync(
        TableClient table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        if (actions.Count is 0 or > MaxOperations)
        {
            throw new InvalidOperationException($"An entity-group transaction holds 1 to {MaxOperations} operations, not {actions.Count}.");
        }

        var partition = actions[0].Entity.PartitionKey;
        if (actions.Any(a => a.Entity.PartitionKey != partition))
        {
            throw new InvalidOperationException("An entity-group transaction must keep to one PartitionKey.");
        }

        if (actions.Select(a => a.Entity.RowKey).Distinct(StringComparer.Ordinal).Count() != actions.Count)
        {
            throw new InvalidOperationException("An entity-group transaction may touch each entity only once.");
        }

        return table.SubmitTransactionAsync(actions, cancellationToken);
    }
}
