using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Compacts.Domain;

namespace Compacts.Functions.Storage;

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

/// <summary>Reporters: table <c>users</c>, PartitionKey "user", RowKey the lower-case e-mail.</summary>
public sealed class UserStore(Tables tables, TimeProvider time, Microsoft.Extensions.Options.IOptions<StorageOptions> options)
{
    private const string Partition = "user";
    private readonly ReadCache<string, User> _cache = new(time, TimeSpan.FromSeconds(options.Value.CacheSeconds));

    /// <summary>Registered users are cached (unknown ones are not, so a new registration works at once on every instance).</summary>
    public Task<User?> GetAsync(string userId, CancellationToken cancellationToken) =>
        _cache.GetOrReadAsync(userId, async () =>
        {
            var table = await tables.GetAsync(Tables.UsersName);
            var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, userId, cancellationToken: cancellationToken);
            return response.HasValue ? ToUser(response.Value!) : null;
        });

    public async Task<bool> PutAsync(User user, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.UsersName);
        var entity = new TableEntity(Partition, user.UserId) { ["UnitId"] = user.UnitId, ["Name"] = user.Name };
        return await _cache.WriteAsync(user.UserId, () => EntityWrites.AddOrReplaceAsync(table, entity, cancellationToken));
    }

    public async Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.UsersName);
        var users = new List<User>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            users.Add(ToUser(entity));
        }

        return users;
    }

    /// <summary>True when the user existed.</summary>
    public async Task<bool> DeleteAsync(string userId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.UsersName);
        var response = await _cache.WriteAsync(userId, () => table.DeleteEntityAsync(Partition, userId, ETag.All, cancellationToken));
        return response.Status != 404;
    }

    private static User ToUser(TableEntity entity) =>
        new(entity.RowKey, entity.GetString("UnitId") ?? "", entity.GetString("Name") ?? "");
}

internal static class EntityWrites
{
    /// <summary>Insert, or replace what is there; true when inserted.</summary>
    public static async Task<bool> AddOrReplaceAsync(TableClient table, TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            await table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Replace, cancellationToken);
            return false;
        }
    }
}
