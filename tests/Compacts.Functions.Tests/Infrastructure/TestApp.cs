using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Compacts.Functions.Tests.Infrastructure;

/// <summary>
/// The function app's own DI against the test Azurite, with tables of its own (a unique prefix), a fake clock and the
/// recorder of Azure's rules (<see cref="AzureRuleRecorder"/>). Function classes are called directly with real HttpContexts.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string CompactId = "cum6-2024";
    public static readonly string[] Units = ["thanh-hoa", "ninh-binh", "nghe-an", "ha-tinh", "quang-binh"];

    private readonly ServiceProvider _services;

    public TestApp(DateTimeOffset? now = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null, string? prefix = null)
    {
        Prefix = prefix ?? "t" + Guid.NewGuid().ToString("N")[..12];
        Time = new FakeTimeProvider(now ?? new DateTimeOffset(2024, 4, 3, 2, 0, 0, TimeSpan.Zero)); // 3 April 09:00 in Hà Nội
        var all = Settings(Prefix);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddCompactsApp();
        services.AddSingleton<TimeProvider>(Time);
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(AzureRules, Azure.Core.HttpPipelinePosition.PerCall);
        tableOptions.AddPolicy(TableRoundTrips, Azure.Core.HttpPipelinePosition.PerRetry);
        tableOptions.AddPolicy(Gate, Azure.Core.HttpPipelinePosition.PerCall);
        services.AddSingleton(tableOptions);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public string Prefix { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>Every write Azure would refuse; a test that leaves one here fails when the app is disposed.</summary>
    public AzureRuleRecorder AzureRules { get; } = new();

    public RoundTripCounter TableRoundTrips { get; } = new();

    /// <summary>Holds a chosen storage reply (idle until armed).</summary>
    public ReplyGate Gate { get; } = new();

    public IServiceProvider Services => _services;

    /// <summary>Set on a second instance that shares another's tables.</summary>
    public bool KeepTables { get; set; }

    public static string StorageConnection =>
        Environment.GetEnvironmentVariable("COMPACTS_TEST_STORAGE") is { Length: > 0 } value ? value : "UseDevelopmentStorage=true";

    public static Dictionary<string, string?> Settings(string prefix) => new()
    {
        ["Storage:ConnectionString"] = StorageConnection,
        ["Storage:TablePrefix"] = prefix,
        ["Storage:QueuePrefix"] = $"{prefix}-",
        ["Scans:Container"] = $"{prefix}-scans",
        ["Evidence:Container"] = $"{prefix}-evidence",
    };

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public async Task<TestResponse> SendAsync<TFunctions>(
        TestRequest request, Func<TFunctions, Microsoft.AspNetCore.Http.HttpRequest, CancellationToken, Task<IActionResult>> call, params object[] instead)
        where TFunctions : class
    {
        var context = request.ToHttpContext(_services);
        var functions = ActivatorUtilities.CreateInstance<TFunctions>(_services, instead); // `instead`: constructor arguments that replace the app's services
        var result = await call(functions, context.Request, CancellationToken.None);
        await result.ExecuteResultAsync(new ActionContext { HttpContext = context });
        var bytes = ((MemoryStream)context.Response.Body).ToArray();
        return new TestResponse(context.Response.StatusCode, context.Response.Headers, System.Text.Encoding.UTF8.GetString(bytes)) { Bytes = bytes }; // keeps a BOM
    }

    /// <summary>The Cluster 6 units, one reporter each, and the demo compact (or <paramref name="compact"/>), written through the stores.</summary>
    public async Task SeedAsync(CompactDraft? compact = null)
    {
        var units = Get<UnitStore>();
        var users = Get<UserStore>();
        foreach (var unit in Units)
        {
            await units.PutAsync(new Unit(unit, $"Công an tỉnh {unit}", [$"thiduakhenthuong@{unit}.congan.gov.vn"]), default);
            await users.PutAsync(new User(Principals.ReporterId(unit), unit, "Cán bộ"), default);
        }

        var (valid, errors) = CompactValidator.Validate(compact ?? DemoCompactDraft());
        Assert.True(errors.IsEmpty);
        await Get<CompactStore>().PutAsync(CompactId, valid!, null, false, default);
    }

    /// <summary>The demo compact: ninh-binh is the deputy head, and review is required (a month is final once every report is confirmed).</summary>
    public static CompactDraft DemoCompactDraft() =>
        JsonSerializer.Deserialize<CompactDraft>(File.ReadAllText(Path.Combine(RepoRoot, "demo", "cum6-2024.compact.json")), ApiJson.Options)!;

    /// <summary>
    /// The demo compact as a compact that does not require review (the default of compacts): a month is final at its finalize
    /// instant, whatever its reports' review states. For tests of the rules that hold there (docs/scoring.md, runs and finality).
    /// </summary>
    public static CompactDraft DemoCompactDraftWithoutRequiredReview() => DemoCompactDraft() with { Review = new ReviewDraft(false, null, null) };

    /// <summary>The function app's host.json, the development host's too.</summary>
    public static string HostJson => Path.Combine(RepoRoot, "functions", "Compacts.Functions", "host.json");

    public static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Serverless.sln not found above the test assembly.");
        }
    }

    /// <summary>Every entity of every table this app uses, with its ETag: equal dumps mean nothing was written.</summary>
    public async Task<IReadOnlyList<string>> DumpAsync()
    {
        var tables = Get<Tables>();
        var rows = new List<string>();
        foreach (var name in Tables.All)
        {
            var table = await tables.GetAsync(name);
            await foreach (var entity in table.QueryAsync<TableEntity>())
            {
                rows.Add($"{name}|{entity.PartitionKey}|{entity.RowKey}|{entity.ETag}");
            }
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        var tables = Get<Tables>();
        foreach (var name in KeepTables ? [] : Tables.All)
        {
            await tables.Service.DeleteTableAsync(tables.FullName(name));
        }

        foreach (var container in new[] { "scans", "evidence" })
        {
            await _services.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>().GetBlobContainerClient($"{Prefix}-{container}").DeleteIfExistsAsync();
        }

        foreach (var queue in QueueNames.All)
        {
            await _services.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>().GetQueueClient($"{Prefix}-{queue}").DeleteIfExistsAsync();
        }
        await _services.DisposeAsync();
        AzureRules.AssertNoRefusals();
    }
}
