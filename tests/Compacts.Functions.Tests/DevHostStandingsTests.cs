using System.Globalization;
using System.Text.RegularExpressions;

namespace Compacts.Functions.Tests;

/// <summary>The standings chain end to end through the development host: timer → queue → worker → GET, over real HTTP.</summary>
public sealed partial class DevHostStandingsTests : IAsyncLifetime
{
    private Reliability.ReliabilityHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await Reliability.ReliabilityHost.StartAsync(extra: new Dictionary<string, string?>
        {
            ["DevHost:RunTimers"] = "true",
            ["DevHost:RunQueues"] = "true",
            ["Standings:Schedule"] = "*/2 * * * * *",
            ["Standings:GraceDays"] = "100000", // the 2024 compact's months are long past finality
        });
        _http = _host.Http;
        _http.DefaultRequestHeaders.Add(ClientPrincipal.HeaderName, Principals.Admin);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_timer_plans_the_queue_worker_computes_and_the_standings_appear()
    {
        foreach (var unit in TestApp.Units)
        {
            Assert.Equal(HttpStatusCode.Created, (await _http.PutAsJsonAsync($"units/{unit}", new { name = $"Công an tỉnh {unit}" })).StatusCode);
        }

        // Without required review: June turns final at its finalize instant, with the reports as they are.
        Assert.Equal(HttpStatusCode.Created, (await _http.PutAsJsonAsync("compacts/cum6-2024", TestApp.DemoCompactDraftWithoutRequiredReview(), Http.ApiJson.Options)).StatusCode);
        foreach (var unit in TestApp.Units.Take(4))
        {
            var report = await _http.PutAsJsonAsync($"compacts/cum6-2024/reports/2024-06/{unit}", Calls.ReportBody(receivedAt: "2024-07-03T09:00:00+07:00"));
            Assert.Equal(HttpStatusCode.Created, report.StatusCode);
        }

        HttpResponseMessage standings = null!;
        await Wait.UntilAsync(async () => (standings = await _http.GetAsync("compacts/cum6-2024/standings/2024-06")).StatusCode != HttpStatusCode.NotFound, "the standings of 2024-06");

        Assert.Equal(HttpStatusCode.OK, standings.StatusCode);
        var json = JsonDocument.Parse(await standings.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("final", json.GetProperty("status").GetString());
        Assert.Equal(5, json.GetProperty("rows").GetArrayLength());
        Assert.True(json.GetProperty("rows")[4].GetProperty("notRanked").GetBoolean());

        // Later ticks find the period final and write nothing more: two more planner runs, and every message planned so far handled.
        var plannerRuns = PlannerRuns().Count;
        await Wait.UntilAsync(() => PlannerRuns().Count >= plannerRuns + 2 && PlannerRuns().Sum() == WorkerRuns(), "two more planner runs and every planned message handled");
        var runs = JsonDocument.Parse(await _http.GetStringAsync("compacts/cum6-2024/standings/2024-06/runs")).RootElement;
        Assert.Equal(1, runs.GetProperty("runs").GetArrayLength());
    }

    /// <summary>The number of compact-months each finished planner run enqueued.</summary>
    private List<int> PlannerRuns() =>
        [.. _host.Logs.Lines.Select(l => PlannerLine().Match(l.Text)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    /// <summary>The queue worker's finished computations ("Standings of C P: Outcome").</summary>
    private int WorkerRuns() => _host.Logs.Lines.Count(l => WorkerLine().IsMatch(l.Text));

    [GeneratedRegex(@"^Standings planner enqueued (\d+) compact-months$")]
    private static partial Regex PlannerLine();

    [GeneratedRegex(@"^Standings of \S+ \S+: \w+$")]
    private static partial Regex WorkerLine();
}
