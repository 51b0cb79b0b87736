using Compacts.Functions.Ballots;

namespace Compacts.Functions.Tests;

/// <summary>Ballots through their routes (docs/ballots.md): opening, the vote's rules and error order, the three ways a ballot closes, the result.</summary>
public sealed class BallotTests : SeededAppTests
{
    private static readonly string Admin = Principals.Admin;

    private async Task OpenAsync(object? body = null)
    {
        var opened = await App.OpenBallot(Admin, body ?? BallotCalls.OpenBody());
        Assert.True(opened.Status == 201, opened.ToString());
    }

    [Fact]
    public async Task An_admin_opens_a_ballot_whose_electorate_is_every_member_and_nobody_reads_a_count_before_the_close()
    {
        var opened = await App.OpenBallot(Admin, BallotCalls.OpenBody(candidates: ["thanh-hoa", "ha-tinh"]));
        await App.VoteFor("nghe-an", "ha-tinh");

        Assert.Equal(201, opened.Status);
        Assert.Equal("/api/compacts/cum6-2024/ballots/suy-ton-2024", opened.Headers.Location.ToString());
        Assert.Equal(TestApp.Units, opened.Json.GetProperty("electorate").Strings());
        Assert.Equal(["thanh-hoa", "ha-tinh"], opened.Json.GetProperty("candidates").Strings());
        Assert.Equal("2024-05-01T10:00:00Z", opened.Json.GetProperty("closesAt").GetString());
        Assert.Equal(0.5m, opened.Json.GetProperty("threshold").GetDecimal());
        Assert.False(opened.Json.GetProperty("allowSelfVote").GetBoolean());
        foreach (var reader in new[] { Admin, Principals.ReporterOf("nghe-an"), Principals.ReporterOf("thanh-hoa") })
        {
            var ballot = await App.GetBallot(reader);
            Assert.Equal(200, ballot.Status);
            Assert.Equal(["nghe-an"], ballot.Json.GetProperty("voted").Strings());
            Assert.False(ballot.Json.GetProperty("closed").GetBoolean());
            Assert.False(ballot.Json.TryGetProperty("result", out _)); // null: left out
            Assert.DoesNotContain("count", ballot.Body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Opening_refuses_what_the_rules_forbid_and_an_existing_id()
    {
        await OpenAsync();

        var again = await App.OpenBallot(Admin, BallotCalls.OpenBody(candidates: ["nghe-an"]));
        var invalid = await App.OpenBallot(Admin, BallotCalls.OpenBody(ballotId: "b2", seats: 3, candidates: ["nghe-an", "da-nang"], closesAt: "2024-04-01T00:00:00Z", threshold: 1));
        var unknownField = await App.OpenBallot(Admin, new Dictionary<string, object?>(BallotCalls.OpenBody(ballotId: "b3")) { ["secret"] = true });
        var byReporter = await App.OpenBallot(Principals.ReporterOf("thanh-hoa"), BallotCalls.OpenBody(ballotId: "b4"));

        Assert.Equal(409, again.Status);
        Assert.Equal(400, invalid.Status);
        Assert.Equal(["candidates[1]", "closesAt", "threshold"], invalid.ErrorFields.Order(StringComparer.Ordinal));
        Assert.Equal(400, unknownField.Status);
        Assert.Equal(403, byReporter.Status);
        Assert.Single((await App.GetBallots(Admin)).Json.GetProperty("ballots").EnumerateArray());
    }

    [Fact]
    public async Task A_vote_answers_404_then_403_then_409_then_400_in_that_order()
    {
        await OpenAsync(BallotCalls.OpenBody(seats: 1));
        var bad = new { choices = new[] { "nghe-an" } }; // a self vote, and so a 400 once nothing else stops it

        Assert.Equal(404, (await App.Vote(Principals.ReporterOf("nghe-an"), bad, ballotId: "khong-co")).Status);
        Assert.Equal(404, (await App.Vote(Admin, bad, ballotId: "khong-co")).Status);
        Assert.Equal(403, (await App.Vote(Admin, new { choices = new[] { "ha-tinh" } })).Status); // admins do not vote
        var selfVote = await App.Vote(Principals.ReporterOf("nghe-an"), bad);
        Assert.Equal(400, selfVote.Status);
        Assert.Equal(["choices[0]"], selfVote.ErrorFields);
        Assert.Equal(400, (await App.VoteFor("nghe-an", "ha-tinh", "thanh-hoa")).Status); // two for one seat
        Assert.Equal(400, (await App.VoteFor("nghe-an", "da-nang")).Status);
        Assert.Equal(400, (await App.Vote(Principals.ReporterOf("nghe-an"), new { })).Status);
        Assert.Equal(204, (await App.VoteFor("nghe-an", "ha-tinh")).Status);
        var again = await App.Vote(Principals.ReporterOf("nghe-an"), bad); // voted: 409 before the body's 400
        Assert.Equal(409, again.Status);
        Assert.Contains("has cast its ballot", again.Body, StringComparison.Ordinal);

        App.Time.SetUtcNow(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero)); // closesAt, and no close written yet
        var late = await App.Vote(Principals.ReporterOf("ha-tinh"), "not json");
        Assert.Equal(409, late.Status);
        Assert.Contains("closed", late.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_ballot_per_unit_whichever_of_its_users_casts_it_and_a_blank_ballot_counts_as_cast()
    {
        await OpenAsync();
        await App.Get<Users.UserStore>().PutAsync(new Domain.User("lanh-dao@nghe-an.congan.gov.vn", "nghe-an", "Lãnh đạo"), default);

        Assert.Equal(204, (await App.Vote(Principals.ReporterOf("nghe-an"), new { choices = Array.Empty<string>() })).Status);
        Assert.Equal(409, (await App.Vote(ClientPrincipal.Encode("lanh-dao@nghe-an.congan.gov.vn"), new { choices = new[] { "ha-tinh" } })).Status);
        var closed = await App.CloseBallot(Admin);

        Assert.Equal(200, closed.Status);
        var result = closed.Json.GetProperty("result");
        Assert.Equal((1, 1), (result.GetProperty("cast").GetInt32(), result.GetProperty("blank").GetInt32()));
        Assert.All(closed.Counts().Values, n => Assert.Equal(0, n));
    }

    [Fact]
    public async Task The_last_units_vote_closes_the_ballot_and_its_result_is_stored_once()
    {
        await OpenAsync(BallotCalls.OpenBody(candidates: ["thanh-hoa", "ha-tinh"]));
        string[] choices = ["ha-tinh", "thanh-hoa", "ha-tinh", "thanh-hoa", "ha-tinh"]; // ha-tinh's own vote goes to thanh-hoa
        foreach (var (unit, choice) in TestApp.Units.Zip(choices))
        {
            Assert.Equal(204, (await App.VoteFor(unit, choice)).Status);
        }

        var ballot = await App.GetBallot(Principals.ReporterOf("quang-binh"));
        var close = await App.CloseBallot(Admin);

        Assert.True(ballot.Json.GetProperty("closed").GetBoolean());
        Assert.Equal("2024-04-03T02:00:00Z", ballot.Json.GetProperty("closedAt").GetString());
        Assert.Equal(new Dictionary<string, int> { ["thanh-hoa"] = 2, ["ha-tinh"] = 3 }, ballot.Counts());
        Assert.Equal(["ha-tinh"], ballot.Json.GetProperty("result").GetProperty("elected").Strings()); // 3 of 5 > 2.5
        Assert.Equal(409, close.Status);
        Assert.Equal(409, (await App.VoteFor("nghe-an", "ha-tinh")).Status);
    }

    [Fact]
    public async Task Past_closesAt_a_ballot_reads_closed_with_its_result_before_the_timer_and_the_timer_writes_nothing_more()
    {
        await OpenAsync(BallotCalls.OpenBody(seats: 1, threshold: 0.2));
        await App.VoteFor("nghe-an", "ha-tinh");
        await App.VoteFor("ha-tinh", "nghe-an");
        App.Time.SetUtcNow(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero));

        var list = await App.GetBallots(Principals.ReporterOf("thanh-hoa"));
        var closed = await App.Get<BallotStore>().GetAsync(TestApp.CompactId, BallotCalls.BallotId, default);
        var before = await App.DumpAsync();
        await ActivatorUtilities.CreateInstance<BallotsFunctions>(App.Services).CloseBallots(new Microsoft.Azure.Functions.Worker.TimerInfo(), default);

        var ballot = list.Json.GetProperty("ballots")[0];
        Assert.True(ballot.GetProperty("closed").GetBoolean());
        var result = ballot.GetProperty("result");
        Assert.Equal(2, result.GetProperty("cast").GetInt32());
        Assert.Empty(result.GetProperty("elected").EnumerateArray()); // 1 each of 2 cast: a tie above 0.4, and no December run
        Assert.Equal(["nghe-an", "ha-tinh"], result.GetProperty("tie").Strings());
        Assert.False(result.TryGetProperty("rankRunId", out _));
        Assert.Equal("timer", closed!.ClosedBy);
        Assert.Equal(before, await App.DumpAsync());
    }

    [Fact]
    public async Task The_timer_closes_a_ballot_at_closesAt()
    {
        await OpenAsync();
        await App.VoteFor("thanh-hoa", "ha-tinh");
        var functions = ActivatorUtilities.CreateInstance<BallotsFunctions>(App.Services);

        await functions.CloseBallots(new Microsoft.Azure.Functions.Worker.TimerInfo(), default);
        var early = await App.Get<BallotStore>().GetAsync(TestApp.CompactId, BallotCalls.BallotId, default);
        App.Time.SetUtcNow(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero));
        await functions.CloseBallots(new Microsoft.Azure.Functions.Worker.TimerInfo(), default);
        var closed = await App.Get<BallotStore>().GetAsync(TestApp.CompactId, BallotCalls.BallotId, default);

        Assert.False(early!.Closed);
        Assert.True(closed!.Closed);
        Assert.Equal(("timer", new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero)), (closed.ClosedBy, closed.ClosedAt!.Value));
        Assert.Equal(["ha-tinh"], closed.Result!.Elected);
    }

    [Fact]
    public async Task A_tie_for_the_seat_goes_to_the_better_December_rank()
    {
        App.Time.SetUtcNow(new DateTimeOffset(2025, 1, 20, 2, 0, 0, TimeSpan.Zero));
        await App.ImportReportsAsync(12);
        var run = await App.PostRun(Admin, "2024-12");
        Assert.Equal(201, run.Status);
        var ranks = run.Json.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("unitId").GetString()!, r => r.GetProperty("rank").GetInt32());
        var (better, worse) = ranks["nghe-an"] < ranks["ha-tinh"] ? ("nghe-an", "ha-tinh") : ("ha-tinh", "nghe-an");
        await OpenAsync(BallotCalls.OpenBody(closesAt: "2025-01-25T17:00:00+07:00", candidates: ["nghe-an", "ha-tinh"], threshold: 0.3));

        await App.VoteFor("thanh-hoa", "nghe-an");
        await App.VoteFor("ninh-binh", "ha-tinh");
        await App.VoteFor("quang-binh", "nghe-an");
        await App.VoteFor("nghe-an", "ha-tinh");
        await App.VoteFor("ha-tinh");
        var result = (await App.GetBallot(Admin)).Json.GetProperty("result");

        Assert.Equal([better], result.GetProperty("elected").Strings()); // 2 and 2 of 5 (> 1.5): the rank decides
        Assert.False(result.TryGetProperty("tie", out _));
        Assert.Equal(run.Json.GetProperty("runId").GetString(), result.GetProperty("rankRunId").GetString());
        Assert.NotEqual(better, worse);
    }

    [Fact]
    public async Task The_opening_the_day_before_reminder_and_the_result_are_mailed_through_the_ledger_each_once()
    {
        await OpenAsync(); // closes 1 May 2024 17:00 in Hà Nội
        await App.VoteFor("nghe-an", "ha-tinh");
        await App.VoteFor("thanh-hoa", "ha-tinh");
        var functions = ActivatorUtilities.CreateInstance<BallotsFunctions>(App.Services);
        var ledger = App.Get<Reminders.MailLedger>();
        async Task<string[]> MailsAsync() =>
            [.. (await ledger.ListAsync(TestApp.CompactId, new Domain.Period(2024, 12), default)).Where(m => m.State == "sent").Select(m => $"{m.Kind} {m.UnitId}").Order(StringComparer.Ordinal)];

        var opened = await MailsAsync();
        await functions.CloseBallots(new Microsoft.Azure.Functions.Worker.TimerInfo(), default); // 3 April: nothing more is owed
        var early = await MailsAsync();
        App.Time.SetUtcNow(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero)); // within a day of closesAt
        await functions.CloseBallots(new Microsoft.Azure.Functions.Worker.TimerInfo(), default);
        await functions.CloseBallots(new Microsoft.Azure.Functions.Worker.TimerInfo(), default);
        var reminded = await MailsAsync();
        Assert.Equal(200, (await App.CloseBallot(Admin)).Status);
        var closed = await MailsAsync();

        Assert.Equal([.. TestApp.Units.Select(u => $"ballotOpened-suy-ton-2024 {u}").Order(StringComparer.Ordinal)], opened);
        Assert.Equal(opened, early);
        Assert.Equal([.. opened.Concat(new[] { "ninh-binh", "ha-tinh", "quang-binh" }.Select(u => $"ballotClosing-suy-ton-2024 {u}")).Order(StringComparer.Ordinal)], reminded);
        Assert.Equal([.. reminded.Concat(TestApp.Units.Select(u => $"ballotResult-suy-ton-2024 {u}")).Order(StringComparer.Ordinal)], closed);
    }
}
