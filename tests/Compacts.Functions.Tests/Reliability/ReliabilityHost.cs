using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Compacts.DevHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;

namespace Compacts.Functions.Tests.Reliability;

/// <summary>
/// The app in the development host over real HTTP on 127.0.0.1, with its own tables, queue and container, and every log line
/// captured. Timers and queue triggers are off unless <c>extra</c> turns them on.
/// </summary>
public sealed partial class ReliabilityHost : IAsyncDisposable
{
    private readonly WebApplication _host;

    private ReliabilityHost(WebApplication host, string prefix, HttpClient http, LogCapture logs, AzureRuleRecorder azureRules)
    {
        _host = host;
        Prefix = prefix;
        Http = http;
        Logs = logs;
        AzureRules = azureRules;
    }

    /// <summary>Every table write Azure would refuse; the host fails the test that leaves one here when it is disposed.</summary>
    public AzureRuleRecorder AzureRules { get; }

    public string Prefix { get; }

    public HttpClient Http { get; }

    public LogCapture Logs { get; }

    public IServiceProvider Services => _host.Services;

    /// <param name="services">Last changes to the app's services (e.g. its clock).</param>
    public static async Task<ReliabilityHost> StartAsync(string? storageConnection = null, IDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null)
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12];
        var settings = TestApp.Settings(prefix);
        var connection = storageConnection ?? TestApp.StorageConnection;
        settings["Storage:ConnectionString"] = connection;
        settings["AzureWebJobsStorage"] = connection;
        settings["DevHost:RunTimers"] = "false";
        settings["DevHost:RunQueues"] = "false";
        settings["DevHost:SettingsFile"] = "/nonexistent";
        settings["DevHost:HostId"] = prefix; // its timers' status blobs
        settings["DevHost:HostJson"] = TestApp.HostJson;
        settings["DevHost:MetadataFile"] = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        settings["SendGrid:OutboxPath"] = Path.Combine(Path.GetTempPath(), $"{prefix}-outbox");
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var logs = new LogCapture();
        var azureRules = new AzureRuleRecorder();
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(azureRules, Azure.Core.HttpPipelinePosition.PerCall);
        var host = DevHostApp.Build(["--urls", "http://127.0.0.1:0"], settings, b =>
        {
            b.Logging.ClearProviders();
            b.Logging.SetMinimumLevel(LogLevel.Information);
            b.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            b.Logging.AddProvider(logs);
            b.Services.AddSingleton(tableOptions);
            services?.Invoke(b.Services);
        });
        await host.StartAsync();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var http = new HttpClient { BaseAddress = new Uri(address + "/api/"), Timeout = TimeSpan.FromSeconds(60) };
        return new ReliabilityHost(host, prefix, http, logs, azureRules);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? principal, HttpContent? content = null, (string Name, string Value)? header = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (header is { } extra)
        {
            request.Headers.TryAddWithoutValidation(extra.Name, extra.Value);
        }

        if (principal is not null)
        {
            request.Headers.TryAddWithoutValidation(ClientPrincipal.HeaderName, principal);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Units, reporters, the demo compact, March reports of two units, a scan and a standings run.</summary>
    public async Task SeedAsync()
    {
        foreach (var unit in TestApp.Units)
        {
            (await SendAsync(HttpMethod.Put, $"units/{unit}", Principals.Admin, JsonContent.Create(new { name = $"Công an tỉnh {unit}", emails = new[] { $"vp@{unit}.vn" } }))).EnsureSuccessStatusCode();
            (await SendAsync(HttpMethod.Put, $"users/{Principals.ReporterId(unit)}", Principals.Admin, JsonContent.Create(new { unitId = unit, name = "Cán bộ" }))).EnsureSuccessStatusCode();
        }

        (await SendAsync(HttpMethod.Put, "compacts/cum6-2024", Principals.Admin, JsonContent.Create(TestApp.DemoCompactDraft(), options: ApiJson.Options))).EnsureSuccessStatusCode();
        foreach (var unit in new[] { "nghe-an", "thanh-hoa" })
        {
            (await SendAsync(HttpMethod.Put, $"compacts/cum6-2024/reports/2024-03/{unit}", Principals.Admin,
                JsonContent.Create(Calls.ReportBody(receivedAt: "2024-04-03T09:00:00+07:00")))).EnsureSuccessStatusCode();
        }

        var pdf = new ByteArrayContent("%PDF-1.7\n%%EOF\n"u8.ToArray());
        pdf.Headers.ContentType = new("application/pdf");
        (await SendAsync(HttpMethod.Put, "compacts/cum6-2024/scans/nghe-an", Principals.Admin, pdf)).EnsureSuccessStatusCode();
        (await SendAsync(HttpMethod.Post, "compacts/cum6-2024/standings/2024-03/runs", Principals.Admin)).EnsureSuccessStatusCode();
    }

    /// <summary>Every entity of every table (all properties, with ETags) and every blob (name, ETag, length) of this host.</summary>
    public async Task<IReadOnlyList<string>> SnapshotAsync()
    {
        var rows = new List<string>();
        var tables = Services.GetRequiredService<Storage.Tables>();
        foreach (var name in Storage.Tables.All)
        {
            var table = await tables.GetAsync(name);
            await foreach (var entity in table.QueryAsync<TableEntity>())
            {
                rows.Add($"{name}|{entity.PartitionKey}|{entity.RowKey}|{entity.ETag}|" +
                    string.Join(';', entity.Keys.Order(StringComparer.Ordinal).Select(k => $"{k}={entity[k]}")));
            }
        }

        var blobs = Services.GetRequiredService<BlobServiceClient>();
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: Prefix))
        {
            await foreach (var blob in blobs.GetBlobContainerClient(container.Name).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.Metadata, Azure.Storage.Blobs.Models.BlobStates.None, null, default))
            {
                rows.Add($"blob|{container.Name}|{blob.Name}|{blob.Properties.ETag}|{blob.Properties.ContentLength}");
            }
        }

        return rows;
    }

    /// <summary>Secrets that must never appear in a response or in a log line.</summary>
    public static IEnumerable<string> SecretsIn(string text) =>
        Secret().Matches(text).Select(m => m.Value).Distinct();

    [GeneratedRegex(@"AccountKey=|Eby8vdM02xNOcqFlqUwJPLl|DefaultEndpointsProtocol=|SharedAccessSignature=|[?&]sig=[A-Za-z0-9%]+|Bearer SG\.|SG\.test")]
    private static partial Regex Secret();

    public async ValueTask DisposeAsync()
    {
        var tables = Services.GetRequiredService<Storage.Tables>();
        foreach (var name in Storage.Tables.All)
        {
            await tables.Service.DeleteTableAsync(tables.FullName(name));
        }

        await _host.StopAsync(); // timers and queue listeners first
        foreach (var container in new[] { "scans", "evidence" })
        {
            await Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient($"{Prefix}-{container}").DeleteIfExistsAsync();
        }

        var queues = Services.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>();
        foreach (var queue in Storage.QueueNames.All)
        {
            await queues.GetQueueClient($"{Prefix}-{queue}").DeleteIfExistsAsync();
            await queues.GetQueueClient($"{Prefix}-{queue}-poison").DeleteIfExistsAsync();
        }
        Http.Dispose();
        await _host.DisposeAsync();
        AzureRules.AssertNoRefusals();
    }
}

/// <summary>Collects every log line (message and exception) at Information and above.</summary>
public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Text)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                capture.Lines.Enqueue((logLevel, category, formatter(state, exception) + (exception is null ? "" : "\n" + exception)));
            }
        }
    }
}

/// <summary>Figures the suite prints: appended to the file in RELIABILITY_SUMMARY (scripts/test.sh shows it), and to the test output.</summary>
public static class Summary
{
    private static readonly Lock Gate = new();

    public static void Write(Xunit.Abstractions.ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("RELIABILITY_SUMMARY") is { Length: > 0 } file)
        {
            lock (Gate)
            {
                File.AppendAllText(file, line + Environment.NewLine);
            }
        }
    }
}
