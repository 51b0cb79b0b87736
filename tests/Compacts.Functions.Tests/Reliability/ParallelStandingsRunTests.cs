namespace Compacts.Functions.Tests.Reliability;

/// <summary>Admins asking for the same month's standings at once, over HTTP: every answer is 201 with the period's latest run.</summary>
[Trait("Category", "Reliability")]
public sealed class ParallelStandingsRunTests : IAsyncLifetime
{
    /// <summary>10 April 2024, 09:00 in Hà Nội: March is due (5 April) and not yet final (15 April).</summary>
    public static readonly DateTimeOffset MarchProvisional = new(2024, 4, 10, 2, 0, 0, TimeSpan.Zero);

    private ReliabilityHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ReliabilityHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(ShiftedTime.From(MarchProvisional)));
        await _host.SeedAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Twenty_simultaneous_runs_all_answer_201_with_a_run_of_the_same_inputs_and_the_last_one_stays_visible()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await _host.SendAsync(HttpMethod.Post, "compacts/cum6-2024/standings/2024-03/runs", Principals.Admin);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(answers, a => Expect.Equal(HttpStatusCode.Created, a.StatusCode, $"{(int)a.StatusCode} {a.Body}"));
        var runs = answers.Select(a => JsonDocument.Parse(a.Body).RootElement).ToList();
        Assert.Single(runs.Select(r => r.GetProperty("rows").GetRawText()).Distinct()); // the same inputs, the same rows
        var listed = await RunIdsAsync();
        Assert.All(runs, r => Assert.Contains(r.GetProperty("runId").GetString(), listed));
        using var latest = await _host.SendAsync(HttpMethod.Get, "compacts/cum6-2024/standings/2024-03", Principals.Admin);
        var latestRun = JsonDocument.Parse(await latest.Content.ReadAsStringAsync()).RootElement.GetProperty("runId").GetString();
        Assert.Contains(latestRun, runs.Select(r => r.GetProperty("runId").GetString())); // one of the answers is the visible run
    }

    private async Task<List<string?>> RunIdsAsync()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "compacts/cum6-2024/standings/2024-03/runs", Principals.Admin);
        return [.. JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("runId").GetString())];
    }
}
