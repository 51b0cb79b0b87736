using Xunit.Abstractions;

namespace Compacts.Functions.Tests.Reliability;

/// <summary>
/// Votes while storage is cut (a proxy resets every connection, as a stopped Azurite would) and while replies to the tally's replace are
/// lost after storage committed it: each vote is stored whole or not at all, never twice. Every unit's choice is known to the test, so
/// the counts of the ballots on the roll must be exactly the sum of those choices.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class BallotFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Ballots = 8;
    private FaultProxy _table = null!;
    private ReliabilityHost _host = null!;

    public async Task InitializeAsync()
    {
        var ports = FaultProxy.StoragePorts();
        _table = new FaultProxy(ports["Table"]);
        _host = await ReliabilityHost.StartAsync(
            FaultProxy.ConnectionString(ports["Blob"], ports["Queue"], _table.Port),
            services: s => s.AddSingleton<TimeProvider>(ShiftedTime.From(new DateTimeOffset(2024, 12, 20, 2, 0, 0, TimeSpan.Zero))));
        await _host.SeedAsync();
    }

    public async Task DisposeAsync()
    {
        _table.Restore();
        _table.LoseReplies(0, _ => false);
        await _host.DisposeAsync();
        await _table.DisposeAsync();
    }

    /// <summary>Unit i's choice in ballot k.</summary>
    private static string Choice(int unit, int ballot) => TestApp.Units[(unit + ballot) % TestApp.Units.Length];

    private async Task<HttpResponseMessage> VoteAsync(int unit, int ballot) =>
        await _host.SendAsync(HttpMethod.Put, $"compacts/cum6-2024/ballots/b{ballot}/vote", Principals.ReporterOf(TestApp.Units[unit]),
            JsonContent.Create(new { choices = new[] { Choice(unit, ballot) } }));

    [Fact]
    public async Task A_vote_cut_off_by_a_storage_outage_or_a_lost_reply_is_counted_whole_or_not_at_all()
    {
        for (var k = 0; k < Ballots; k++)
        {
            var body = BallotCalls.OpenBody(ballotId: $"b{k}", closesAt: "2024-12-27T17:00:00+07:00", allowSelfVote: true);
            (await _host.SendAsync(HttpMethod.Post, "compacts/cum6-2024/ballots", Principals.Admin, JsonContent.Create(body))).EnsureSuccessStatusCode();
        }

        // Every third replace of a tally loses its reply after storage committed it; the SDK sends it again and meets 412.
        _table.LoseReplies(3, line => line.StartsWith("PUT ", StringComparison.Ordinal) && line.Contains("ballots(", StringComparison.Ordinal));
        var votes = Enumerable.Range(0, Ballots).SelectMany(k => Enumerable.Range(0, TestApp.Units.Length).Select(u => (Unit: u, Ballot: k))).ToList();
        var answers = new ConcurrentDictionary<(int Unit, int Ballot), int>();
        var answered = 0;
        var cut = false;
        var voting = Task.WhenAll(votes.Select(async vote =>
        {
            using var response = await VoteAsync(vote.Unit, vote.Ballot);
            answers[vote] = (int)response.StatusCode;
            if (Interlocked.Increment(ref answered) == votes.Count / 4)
            {
                _table.Cut(); // mid-vote: a quarter answered, the rest in flight or not yet sent
                Volatile.Write(ref cut, true);
            }
        }));
        await Wait.UntilAsync(() => Volatile.Read(ref cut) && (answers.Values.Count(s => s == 503) >= 3 || Volatile.Read(ref answered) == votes.Count), "votes answered 503 during the outage");
        _table.Restore();
        await voting;
        var first = answers.ToDictionary();

        // Whoever did not hear 204 votes again: 204 now, or 409 when the first attempt had been counted after all.
        var retried = new Dictionary<(int Unit, int Ballot), int>();
        foreach (var vote in votes.Where(v => first[v] != 204))
        {
            using var response = await VoteAsync(vote.Unit, vote.Ballot);
            retried[vote] = (int)response.StatusCode;
        }

        _table.LoseReplies(0, _ => false);
        for (var k = 0; k < Ballots; k++)
        {
            using var response = await _host.SendAsync(HttpMethod.Get, $"compacts/cum6-2024/ballots/b{k}", Principals.Admin);
            var ballot = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var roll = ballot.GetProperty("voted").Strings();
            Assert.Equal(TestApp.Units.Order(StringComparer.Ordinal), roll);
            Assert.True(ballot.GetProperty("closed").GetBoolean(), $"b{k} is not closed");
            var result = ballot.GetProperty("result");
            var counts = result.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
            var expected = TestApp.Units.ToDictionary(c => c, c => Enumerable.Range(0, TestApp.Units.Length).Count(u => Choice(u, k) == c));
            Assert.Equal(expected, counts);
            Assert.Equal(TestApp.Units.Length, result.GetProperty("cast").GetInt32());
        }

        Summary.Write(output, $"reliability: ballots under faults: {votes.Count} votes, {_table.LostReplies} tally replies lost after the commit, "
            + $"first answers {string.Join(", ", first.Values.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"))}; "
            + $"again: {string.Join(", ", retried.Values.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"))}; every count exact");
        Assert.All(first.Values, s => Assert.Contains(s, new[] { 204, 409, 503 }));
        Assert.Contains(503, first.Values);
        Assert.True(_table.LostReplies > 0, "no reply was lost");
        Assert.All(retried.Values, s => Assert.Contains(s, new[] { 204, 409 }));
        Assert.All(votes.Where(v => first[v] == 409), v => Assert.Fail($"unit {v.Unit} in b{v.Ballot} answered 409 on its first attempt"));
    }
}
