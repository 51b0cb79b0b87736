using System.Text;
using Azure;
using Compacts.DevHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Compacts.Bench;

/// <summary>
/// What the report PUT benchmarks run against: the development host (its own process, as run.sh runs it, unless
/// `--in-process-host`; an in-process host beside it serves the in-process paths and the seeding), the demo compact
/// seeded, and the three ways to write a report: through the app over HTTP, the raw SDK transaction that writes exactly
/// what the app writes (the floor), and that transaction behind a bare HTTP endpoint (the HTTP floor). Stopping it
/// stops the processes and drops the tables.
/// </summary>
internal sealed class PutRig : IAsyncDisposable
{
    private readonly List<Process> _children = [];
    private readonly List<WebApplication> _inProcessServers = [];
    private readonly string _prefix;
    private readonly IHost _host;
    private TableClient _table = null!;
    private TableEntity _storedPointer = null!;
    private TableEntity _storedRevision = null!;
    private TableEntity _storedEvent = null!;
    private string _bareAddress = null!;
    private int _floorRevision;
    private string _storage = null!;
    private readonly List<HttpClient> _variantClients = [];

    private PutRig(BenchContext bench, string prefix, IHost host)
    {
        Bench = bench;
        _prefix = prefix;
        _host = host;
        Rounds = bench.Quick ? 5 : 15;
        WarmUpTime = TimeSpan.FromSeconds(bench.Quick ? 2 : 5);
        Body = JsonSerializer.Serialize(Fixtures.Report(stamped: false), ApiJson.Options);
    }

    public BenchContext Bench { get; }

    /// <summary>The in-process host's services.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>A client of the host that serves HTTP (the admin's principal on every request).</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>The report PUT's body (unstamped).</summary>
    public string Body { get; }

    public int Rounds { get; }

    public TimeSpan WarmUpTime { get; }

    /// <summary>The evidence container of this rig's host.</summary>
    public string EvidenceContainer => $"{_prefix}-evidence";

    /// <summary>The development host's process (null when in process).</summary>
    public Process? HostProcess { get; private set; }

    /// <summary>The HTTP floor's process (null when in process).</summary>
    public Process? BareProcess { get; private set; }

    public static async Task<PutRig> StartAsync(BenchContext bench, string storage)
    {
        var prefix = Fixtures.Prefix();
        var host = DevHostApp.Build(["--urls", "http://127.0.0.1:0"], new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = storage,
            ["Storage:TablePrefix"] = prefix,
            ["AzureWebJobsStorage"] = storage,
            ["DevHost:RunTimers"] = "false",
            ["DevHost:RunQueues"] = "false",
            ["DevHost:SettingsFile"] = "/nonexistent",
            ["DevHost:MetadataFile"] = Path.Combine(AppContext.BaseDirectory, "functions.metadata"),
            ["Storage:QueuePrefix"] = $"{prefix}-",
            ["Scans:Container"] = $"{prefix}-scans",
            ["Evidence:Container"] = $"{prefix}-evidence",
        }, b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        await host.StartAsync();
        var rig = new PutRig(bench, prefix, host);
        try
        {
            await rig.StartServersAsync(storage);
            return rig;
        }
        catch
        {
            await rig.StopProcessesAsync();
            throw;
        }
    }

    /// <summary>A client's report PUT through HTTP (each client its own report), to this rig's host or to the one <paramref name="http"/> reaches.</summary>
    public Func<int, int, Task> HttpPut(string period, string unit, HttpClient? http = null) => async (_, _) =>
    {
        using var content = new StringContent(Body, Encoding.UTF8, "application/json");
        using var response = await (http ?? Http).PutAsync($"compacts/cum6-2024/reports/{period}/{unit}", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"PUT answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    };

    /// <summary>The floor's transaction behind the HTTP floor, on <paramref name="floorPartition"/>.</summary>
    public Func<int, int, Task> BarePut(string floorPartition) => async (client, _) =>
    {
        using var content = new StringContent(Body, Encoding.UTF8, "application/json");
        using var response = await Http.PutAsync($"{_bareAddress}/tx/{floorPartition}/{client}", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The HTTP floor answered {(int)response.StatusCode}.");
        }
    };

    /// <summary>The floor on <paramref name="floorPartition"/>: each client adds a revision row, replaces its own pointer and adds a history event, in one transaction.</summary>
    public async Task<Func<int, int, Task>> Floor(string floorPartition, int clients)
    {
        var etags = new ETag[clients];
        for (var client = 0; client < clients; client++)
        {
            etags[client] = (await _table.AddEntityAsync(BareServer.Copy(_storedPointer, floorPartition, $"cur_{client}", 0))).Headers.ETag!.Value;
        }

        return async (client, _) =>
        {
            var number = Interlocked.Increment(ref _floorRevision);
            var response = await _table.SubmitTransactionAsync(BareServer.Transaction(_storedRevision, _storedPointer, _storedEvent, floorPartition, client.ToString(CultureInfo.InvariantCulture), number, etags[client]));
            etags[client] = response.Value[1].Headers.ETag!.Value;
        };
    }

    public async ValueTask DisposeAsync()
    {
        await StopProcessesAsync();
        await _host.StopAsync();
        var tables = _host.Services.GetRequiredService<Tables>();
        foreach (var name in Tables.All)
        {
            await tables.Service.DeleteTableAsync(tables.FullName(name));
        }
    }

    private async Task StartServersAsync(string storage)
    {
        _storage = storage;
        var address = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        if (!Bench.InProcessHost)
        {
            // The development host as its own process, as run.sh runs it: its GC and thread pool apart from the load
            // generator's (and the floor's). The in-process host serves the in-process rows and the seeding.
            (HostProcess, address) = await StartHostProcessAsync([]);
        }

        Http = Client(address);
        await Bench.SeedAsync(_host.Services, BenchContext.Units);
        _table = await _host.Services.GetRequiredService<Tables>().GetAsync(Tables.ReportsName);

        // The floor writes exactly what the app writes: its entities are copies of the revision row, pointer and history event the app stored.
        var units = BenchContext.Units;
        using (var content = new StringContent(Body, Encoding.UTF8, "application/json"))
        using (var first = await Http.PutAsync($"compacts/cum6-2024/reports/2024-01/{units[0]}", content))
        {
            await File.WriteAllBytesAsync(AnswerFile, await first.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync());
        }

        var partition = ReportStore.PartitionKey("cum6-2024", new Period(2024, 1));
        _storedPointer = (await _table.GetEntityAsync<TableEntity>(partition, ReportStore.PointerKey(units[0]))).Value;
        var revisionKey = ReportStore.RevisionKey(units[0], _storedPointer.GetInt32("Revision")!.Value);
        _storedRevision = (await _table.GetEntityAsync<TableEntity>(partition, revisionKey)).Value;
        var eventKey = ReviewRows.EventKey(units[0], ReviewRows.ReadStatus(_storedPointer).Events);
        _storedEvent = (await _table.GetEntityAsync<TableEntity>(partition, eventKey)).Value;

        // The HTTP floor: the same transaction behind the barest HTTP endpoint, served as the development host is (its
        // own process, Server GC), with the same request body in and the app's answer out.
        string[] bareArguments = [BareServer.Flag, "0", _prefix, partition, ReportStore.PointerKey(units[0]), revisionKey, eventKey, AnswerFile];
        if (HostProcess is null)
        {
            var bare = await BareServer.StartAsync("http://127.0.0.1:0", storage, bareArguments);
            _inProcessServers.Add(bare);
            _bareAddress = bare.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        }
        else
        {
            (BareProcess, _bareAddress) = await ServerProcess.StartAsync(_children, port => [Path.Combine(AppContext.BaseDirectory, "Compacts.Bench.dll"), .. bareArguments[..1], port.ToString(CultureInfo.InvariantCulture), .. bareArguments[2..]],
                new() { ["COMPACTS_BENCH_STORAGE"] = storage, ["DOTNET_gcServer"] = "1" });
        }
    }

    /// <summary>
    /// Another development host process on the same storage, with <paramref name="environment"/> added to the shipped
    /// settings, and a client of it: a setting's cost or gain measured side by side with the host as shipped.
    /// </summary>
    public async Task<(Process Process, HttpClient Http)> StartVariantHostAsync(Dictionary<string, string> environment)
    {
        var (process, address) = await StartHostProcessAsync(environment);
        var http = Client(address);
        _variantClients.Add(http);
        return (process, http);
    }

    private HttpClient Client(string address)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(address + "/api/") };
        http.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, BenchContext.Admin);
        return http;
    }

    private Task<(Process Process, string Address)> StartHostProcessAsync(Dictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>(settings)
        {
            ["Storage__ConnectionString"] = _storage, ["Storage__TablePrefix"] = _prefix, ["AzureWebJobsStorage"] = _storage,
            ["DevHost__RunTimers"] = "false", ["DevHost__RunQueues"] = "false", ["DevHost__SettingsFile"] = "/nonexistent",
            ["DevHost__MetadataFile"] = Path.Combine(AppContext.BaseDirectory, "functions.metadata"),
            ["Storage__QueuePrefix"] = $"{_prefix}-", ["Scans__Container"] = $"{_prefix}-scans",
            ["Evidence__Container"] = $"{_prefix}-evidence", ["Logging__LogLevel__Default"] = "Warning",
        };
        return ServerProcess.StartAsync(_children, port => [Path.Combine(AppContext.BaseDirectory, "Compacts.DevHost.dll"), "--urls", $"http://127.0.0.1:{port}"], environment);
    }

    private string AnswerFile => Path.Combine(Path.GetTempPath(), $"{_prefix}-answer.json");

    private async Task StopProcessesAsync()
    {
        foreach (var started in _children)
        {
            started.Kill(entireProcessTree: true);
            await started.WaitForExitAsync();
        }

        foreach (var server in _inProcessServers)
        {
            await server.DisposeAsync();
        }

        Http?.Dispose();
        foreach (var http in _variantClients)
        {
            http.Dispose();
        }

        File.Delete(AnswerFile);
    }
}
