namespace Compacts.Functions.Storage;

/// <summary>Where the app's tables and blobs live. Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>A connection string: Azurite only. In Azure leave it empty and set the service URIs.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>e.g. https://account.table.core.windows.net, reached with the managed identity.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>e.g. https://account.blob.core.windows.net, reached with the managed identity.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>e.g. https://account.queue.core.windows.net, reached with the managed identity (the standings work queue).</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>Client id of the user-assigned managed identity (empty: system-assigned or developer credentials).</summary>
    public string? ClientId { get; set; }

    /// <summary>Prefix of every table name; lets tests and several environments share one account.</summary>
    public string TablePrefix { get; set; } = "";

    /// <summary>
    /// Prefix of the work queues' names (<see cref="QueueNames"/>): tests and the development host only. The Functions host
    /// listens on the literal names, so it must stay empty there (the worker refuses to start otherwise).
    /// </summary>
    public string QueuePrefix { get; set; } = "";

    /// <summary>
    /// How long compacts, units and users read from storage are reused by this instance (0: never). A change made through
    /// another instance is seen after at most this long; through this one, at once.
    /// </summary>
    public int CacheSeconds { get; set; } = 30;

    /// <summary>Create missing tables on first use (local runs). In Azure the Bicep creates them.</summary>
    public bool CreateTablesIfMissing { get; set; } = true;
}
