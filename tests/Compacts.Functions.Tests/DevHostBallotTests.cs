using Compacts.Functions.Ballots;

namespace Compacts.Functions.Tests;

/// <summary>The ballot timer in the development host, as under the Functions host: on its schedule from settings, it closes a ballot at closesAt.</summary>
public sealed class DevHostBallotTests : IAsyncLifetime
{
    /// <summary>The system clock from 20 December 2024, moved on by the test (timers wait in real time, as the scheduler's do).</summary>
    private sealed class MovableTime(DateTimeOffset start) : TimeProvider
    {
        private readonly TimeSpan _offset = start - System.GetUtcNow();
        private long _jumpTicks;

        public void Jump(TimeSpan by) => Interlocked.Add(ref _jumpTicks, by.Ticks);

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset + TimeSpan.FromTicks(Interlocked.Read(ref _jumpTicks));
    }

    private readonly MovableTime _time = new(new DateTimeOffset(2024, 12, 20, 2, 0, 0, TimeSpan.Zero));
    private Reliability.ReliabilityHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await Reliability.ReliabilityHost.StartAsync(
            extra: new Dictionary<string, string?> { ["DevHost:RunTimers"] = "true", ["Ballots:Schedule"] = "*/2 * * * * *" },
            services: s => s.AddSingleton<TimeProvider>(_time));
        await _host.SeedAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_timer_closes_a_ballot_once_closesAt_has_passed()
    {
        var body = BallotCalls.OpenBody(closesAt: "2024-12-27T17:00:00+07:00", candidates: ["thanh-hoa", "nghe-an"]);
        (await _host.SendAsync(HttpMethod.Post, "compacts/cum6-2024/ballots", Principals.Admin, JsonContent.Create(body))).EnsureSuccessStatusCode();
        foreach (var unit in new[] { "ninh-binh", "ha-tinh", "quang-binh" })
        {
            (await _host.SendAsync(HttpMethod.Put, $"compacts/cum6-2024/ballots/{BallotCalls.BallotId}/vote", Principals.ReporterOf(unit),
                JsonContent.Create(new { choices = new[] { "nghe-an" } }))).EnsureSuccessStatusCode();
        }

        var store = _host.Services.GetRequiredService<BallotStore>();
        await Wait.UntilAsync(() => _host.Logs.Lines.Any(l => l.Text.StartsWith("Ballot timer closed 0 ballots", StringComparison.Ordinal)), "a run of the timer before closesAt");
        Assert.False((await store.GetAsync(TestApp.CompactId, BallotCalls.BallotId, default))!.Closed);

        _time.Jump(TimeSpan.FromDays(8)); // past 27 December 17:00 in Hà Nội
        StoredBallot? closed = null;
        await Wait.UntilAsync(async () => (closed = await store.GetAsync(TestApp.CompactId, BallotCalls.BallotId, default))!.Closed, "the timer's close");

        Assert.Equal("timer", closed!.ClosedBy);
        Assert.Equal(["nghe-an"], closed.Result!.Elected); // 3 of 3 cast
        Assert.Equal(3, closed.Result.Cast);
    }
}
