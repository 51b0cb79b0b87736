namespace Compacts.Functions.Users;

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
