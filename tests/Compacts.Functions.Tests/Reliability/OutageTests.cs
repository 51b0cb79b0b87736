using Xunit.Abstractions;

namespace Compacts.Functions.Tests.Reliability;

/// <summary>
/// Many reporters submit and revise while storage becomes unreachable and comes back (a proxy cuts every connection to Azurite,
/// as a stopped Azurite would, without risking Azurite's own data). Every 2xx is stored exactly once; requests during the outage
/// get 503 with Retry-After, promptly; the app recovers without a restart.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class OutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int RevisionsPerReport = 12;
    private FaultProxy _table = null!, _blob = null!, _queue = null!;
    private ReliabilityHost _host = null!;

    public async Task InitializeAsync()
    {
        var ports = FaultProxy.StoragePorts();
        _table = new FaultProxy(ports["Table"]);
        _blob = new FaultProxy(ports["Blob"]);
        _queue = new FaultProxy(ports["Queue"]);
        var connection = FaultProxy.ConnectionString(_blob.Port, _queue.Port, _table.Port);
        _host = await ReliabilityHost.StartAsync(connection);
        await _host.SeedAsync();
    }

    public async Task DisposeAsync()
    {
        _table.Restore();
        _blob.Restore();
        _queue.Restore();
        await _host.DisposeAsync();
        await _table.DisposeAsync();
        await _blob.DisposeAsync();
        await _queue.DisposeAsync();
    }

    private void Cut()
    {
        _table.Cut();
        _blob.Cut();
        _queue.Cut();
    }

    private void Restore()
    {
        _table.Restore();
        _blob.Restore();
        _queue.Restore();
    }

    [Fact]
    public async Task Reporters_keep_working_through_a_storage_outage_and_nothing_is_lost_or_stored_twice()
    {
        var reports = TestApp.Units.SelectMany(u => new[] { 1, 2, 3 }.Select(m => (Unit: u, Period: $"2024-{m:D2}"))).ToList();
        var acknowledged = new ConcurrentDictionary<(string Unit, string Period), ConcurrentBag<int>>();
        var tried = 0;
        var unavailable = 0;
        var withoutRetryAfter = 0;
        var otherFailures = new ConcurrentQueue<string>();
        var outageStarted = new TaskCompletionSource();

        async Task Reporter((string Unit, string Period) report, int index)
        {
            var principal = Principals.ReporterOf(report.Unit);
            for (var revision = 0; revision < RevisionsPerReport; revision++)
            {
                var value = (index * 1000) + revision + 1; // unique per submission
                for (var attempt = 0; attempt < 200; attempt++)
                {
                    Interlocked.Increment(ref tried);
                    using var request = new HttpRequestMessage(HttpMethod.Put, $"compacts/cum6-2024/reports/{report.Period}/{report.Unit}")
                    {
                        Content = JsonContent.Create(Calls.ReportBody(crimes: value)),
                    };
                    request.Headers.Add(Auth.ClientPrincipal.HeaderName, principal);
                    request.Headers.Add("Idempotency-Key", $"{report.Unit}-{report.Period}-{value}");
                    HttpResponseMessage response;
                    try
                    {
                        response = await _host.Http.SendAsync(request);
                    }
                    catch (TaskCanceledException)
                    {
                        otherFailures.Enqueue($"{report}: the request hung past the client's timeout");
                        return;
                    }

                    using (response)
                    {
                        if (response.IsSuccessStatusCode)
                        {
                            acknowledged.GetOrAdd(report, _ => []).Add(value);
                            break;
                        }

                        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                        {
                            Interlocked.Increment(ref unavailable);
                            if (response.Headers.RetryAfter is null)
                            {
                                Interlocked.Increment(ref withoutRetryAfter);
                            }

                            await Task.Delay(100);
                            continue;
                        }

                        otherFailures.Enqueue($"{report}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        return;
                    }
                }

                if (revision == 3)
                {
                    outageStarted.TrySetResult();
                }
            }
        }

        var reporters = Task.WhenAll(reports.Select((r, i) => Reporter(r, i)));
        await outageStarted.Task;
        Cut();
        var outage = System.Diagnostics.Stopwatch.StartNew();
        var health = await _host.Http.GetAsync("health");

        // The outage lasts until the reporters have met it and come back into it: twice as many 503 answers as reporters
        // (or until every reporter is done, when there is no one left to meet it).
        await Wait.UntilAsync(() => Volatile.Read(ref unavailable) >= 2 * reports.Count || reporters.IsCompleted, "the reporters to meet the outage");
        Restore();
        outage.Stop();
        await reporters;

        // What is stored: every revision of every report, read after recovery.
        var lost = 0;
        var duplicated = 0;
        foreach (var report in reports)
        {
            var response = await _host.SendAsync(HttpMethod.Get, $"compacts/cum6-2024/reports/{report.Period}/{report.Unit}/revisions", Principals.Admin);
            var stored = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("revisions").EnumerateArray().ToList();
            var revisions = stored.Select(r => (int)r.GetProperty("values").GetProperty("crime-reduction").GetDouble()).ToList();
            var acked = acknowledged.GetValueOrDefault(report) ?? [];
            lost += acked.Count(v => !revisions.Contains(v));
            duplicated += revisions.GroupBy(v => v).Count(g => g.Count() > 1);
            Assert.Equal(Enumerable.Range(1, stored.Count), stored.Select(r => r.GetProperty("revision").GetInt32())); // gapless
        }

        var acknowledgedCount = acknowledged.Values.Sum(b => b.Count);
        Summary.Write(output, $"reliability: outage: {reports.Count} reporters, {tried} requests, {acknowledgedCount} acknowledged, "
            + $"{unavailable} answered 503 (all with Retry-After: {withoutRetryAfter == 0}), other failures {otherFailures.Count}, "
            + $"lost {lost}, duplicated {duplicated}; storage cut for {outage.Elapsed.TotalSeconds:0.0} s, health during it {(int)health.StatusCode}");

        Assert.True(otherFailures.IsEmpty, string.Join("\n", otherFailures.Take(3)) + "\n"
            + string.Join("\n", _host.Logs.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error).Select(l => l.Text.Split('\n').Skip(1).FirstOrDefault() ?? l.Text).Distinct().Take(5)));
        Assert.Equal(reports.Count * RevisionsPerReport, acknowledgedCount);
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicated);
        Assert.True(unavailable > 0, "no request met the outage");
        Assert.Equal(0, withoutRetryAfter);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.Http.GetAsync("health")).StatusCode);
        Assert.Empty(_host.Logs.Lines.SelectMany(l => ReliabilityHost.SecretsIn(l.Text)));
        Assert.DoesNotContain(_host.Logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Information && l.Text.Contains("   at ", StringComparison.Ordinal));
    }
}
