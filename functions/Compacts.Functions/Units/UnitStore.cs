namespace Compacts.Functions.Units;

/// <summary>Units: table <c>units</c>, PartitionKey "unit", RowKey unitId.</summary>
public sealed class UnitStore(Tables tables, TimeProvider time, Microsoft.Extensions.Options.IOptions<StorageOptions> options)
{
    private const string Partition = "unit";
    private readonly ReadCache<string, IReadOnlyList<Unit>> _all = new(time, TimeSpan.FromSeconds(options.Value.CacheSeconds));

    public async Task<Unit?> GetAsync(string unitId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.UnitsName);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, unitId, cancellationToken: cancellationToken);
        return response.HasValue ? ToUnit(response.Value!) : null;
    }

    public async Task<IReadOnlyList<Unit>> ListAsync(CancellationToken cancellationToken) =>
        (await _all.GetOrReadAsync(Partition, async () =>
        {
            var table = await tables.GetAsync(Tables.UnitsName);
            var units = new List<Unit>();
            await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
            {
                units.Add(ToUnit(entity));
            }

            return units;
        }))!;

    /// <summary>Creates or replaces the unit; true when it was created.</summary>
    public async Task<bool> PutAsync(Unit unit, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.UnitsName);
        var entity = new TableEntity(Partition, unit.UnitId)
        {
            ["Name"] = unit.Name,
            ["Emails"] = JsonSerializer.Serialize(unit.Emails, StorageJson.Options),
        };
        return await _all.WriteAsync(Partition, () => EntityWrites.AddOrReplaceAsync(table, entity, cancellationToken));
    }

    private static Unit ToUnit(TableEntity entity) => new(
        entity.RowKey,
        entity.GetString("Name") ?? "",
        JsonSerializer.Deserialize<string[]>(entity.GetString("Emails") ?? "[]", StorageJson.Options) ?? []);
}
