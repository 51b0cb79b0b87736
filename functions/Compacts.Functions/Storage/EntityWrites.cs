namespace Compacts.Functions.Storage;

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
