using Xunit.Abstractions;

namespace Compacts.Functions.Tests.Reliability;

/// <summary>
/// What someone who reads every table (and the app's logs) after a vote can learn (docs/ballots.md, "Secrecy"): who voted and the counts,
/// nothing that joins a unit to its choices. Two ballots are cast with the same counts but different units behind them, in opposite
/// orders: the stored ballots are then the same but for their ids and the random write ids, so nothing stored depends on who chose whom.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class BallotSecrecyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private ReliabilityHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ReliabilityHost.StartAsync(services: s => s.AddSingleton<TimeProvider>(ShiftedTime.From(new DateTimeOffset(2024, 12, 20, 2, 0, 0, TimeSpan.Zero))));
        await _host.SeedAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>The properties two ballots with the same roll and counts may differ in: their ids, write ids and when they were opened.</summary>
    private static readonly string[] PerBallot = ["odata.etag", "Timestamp", "RowKey", "WriteId", "OpenedAt"];

    private async Task<Dictionary<string, string>> StoredAsync(string ballotId)
    {
        var table = await _host.Services.GetRequiredService<Storage.Tables>().GetAsync(Storage.Tables.BallotsName);
        var entity = (await table.GetEntityAsync<TableEntity>("cum6-2024", ballotId)).Value;
        var roll = JsonDocument.Parse(entity.GetString("Roll")!).RootElement.EnumerateObject().Select(p => p.Name); // its values are random write ids
        return entity.Keys.Where(k => !PerBallot.Contains(k)).ToDictionary(k => k, k => k == "Roll" ? string.Join(",", roll) : Convert.ToString(entity[k], System.Globalization.CultureInfo.InvariantCulture) ?? "");
    }

    [Fact]
    public async Task After_the_vote_the_tables_and_logs_hold_who_voted_and_the_counts_and_nothing_that_joins_the_two()
    {
        foreach (var id in new[] { "a", "b" })
        {
            var body = BallotCalls.OpenBody(ballotId: id, seats: 2, closesAt: "2024-12-27T17:00:00+07:00", allowSelfVote: true);
            (await _host.SendAsync(HttpMethod.Post, "compacts/cum6-2024/ballots", Principals.Admin, JsonContent.Create(body))).EnsureSuccessStatusCode();
        }

        var units = TestApp.Units;
        // The first four units give each of the first four candidates two votes in both ballots, each unit choosing differently; the fifth the same.
        string[] ChoicesA(int i) => i < 4 ? [units[(i + 1) % 4], units[(i + 2) % 4]] : [units[0], units[1]];
        string[] ChoicesB(int i) => i < 4 ? [units[(i + 2) % 4], units[(i + 3) % 4]] : [units[0], units[1]];
        var before = await _host.SnapshotAsync();
        var logMark = _host.Logs.Lines.Count;
        var headers = new List<string>();
        foreach (var (id, order, choices) in new (string, IEnumerable<int>, Func<int, string[]>)[] { ("a", [0, 1, 2, 3], ChoicesA), ("b", [3, 2, 1, 0], ChoicesB) })
        {
            foreach (var i in order)
            {
                using var vote = await _host.SendAsync(HttpMethod.Put, $"compacts/cum6-2024/ballots/{id}/vote", Principals.ReporterOf(units[i]),
                    JsonContent.Create(new { choices = choices(i) }));
                Assert.Equal(HttpStatusCode.NoContent, vote.StatusCode);
                Assert.Empty(await vote.Content.ReadAsByteArrayAsync());
                headers.AddRange(vote.Headers.Concat(vote.Content.Headers).SelectMany(h => h.Value.Select(v => $"{h.Key}: {v}")));
            }
        }

        var open = await _host.SnapshotAsync();
        var (storedA, storedB) = (await StoredAsync("a"), await StoredAsync("b"));
        var voteLogs = _host.Logs.Lines.Skip(logMark).Select(l => l.Text).ToList();

        // Four votes in each: the only rows that changed are the two ballots' own, and they are equal but for their ids.
        Assert.Equal(["ballots|cum6-2024|a", "ballots|cum6-2024|b"], open.Except(before).Select(Key).Order(StringComparer.Ordinal));
        Assert.Equal(before.Select(Key).Order(StringComparer.Ordinal), open.Select(Key).Order(StringComparer.Ordinal));
        Assert.Equal(storedA, storedB);
        Assert.Equal("[2,2,2,2,0]", storedA["Counts"]);
        Assert.DoesNotContain(voteLogs.Concat(headers), line => units.Any(u => line.Contains(u, StringComparison.Ordinal)));

        // The last votes close both ballots: still equal, and the result is all the close adds.
        foreach (var (id, choices) in new (string, Func<int, string[]>)[] { ("a", ChoicesA), ("b", ChoicesB) })
        {
            using var vote = await _host.SendAsync(HttpMethod.Put, $"compacts/cum6-2024/ballots/{id}/vote", Principals.ReporterOf(units[4]),
                JsonContent.Create(new { choices = choices(4) }));
            Assert.Equal(HttpStatusCode.NoContent, vote.StatusCode);
        }

        var (closedA, closedB) = (await StoredAsync("a"), await StoredAsync("b"));
        closedA.Remove("ClosedAt");
        closedB.Remove("ClosedAt"); // the instant of each ballot's last vote
        Assert.Equal(closedA, closedB);
        Assert.Equal("True", closedA["Closed"]);
        Summary.Write(output, $"reliability: ballot secrecy: 10 votes in two ballots of equal counts from different units; rows changed by the votes: "
            + $"{open.Except(before).Count()} (the two tallies), equal but for ids; log lines during the votes naming a unit: 0");
    }

    private static string Key(string snapshotRow) => string.Join('|', snapshotRow.Split('|').Take(3));
}
