namespace Compacts.Functions.Storage;

/// <summary>The app's tables. Each is created once per process when <see cref="StorageOptions.CreateTablesIfMissing"/> is set.</summary>
public sealed class Tables(TableServiceClient service, IOptions<StorageOptions> options)
{
    public const string UnitsName = "units";
    public const string UsersName = "users";
    public const string CompactsName = "compacts";
    public const string ReportsName = "reports";
    public const string StandingsName = "standings";
    public const string ScansName = "scans";
    public const string MailName = "mail";
    public const string BallotsName = "ballots";

    public static readonly string[] All = [UnitsName, UsersName, CompactsName, ReportsName, StandingsName, ScansName, MailName, BallotsName];

    private readonly StorageOptions _options = options.Value;
    private readonly Dictionary<string, AsyncOnce<TableClient>> _clients = All.ToDictionary(
        name => name,
        name => new AsyncOnce<TableClient>(() => OpenAsync(service, options.Value, name)));

    public TableServiceClient Service => service;

    public string FullName(string name) => _options.TablePrefix + name;

    public Task<TableClient> GetAsync(string name) => _clients[name].Value;

    private static async Task<TableClient> OpenAsync(TableServiceClient service, StorageOptions options, string name)
    {
        var client = service.GetTableClient(options.TablePrefix + name);
        if (options.CreateTablesIfMissing)
        {
            try
            {
                await client.CreateIfNotExistsAsync();
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Created concurrently by another instance.
            }
        }

        return client;
    }
}
