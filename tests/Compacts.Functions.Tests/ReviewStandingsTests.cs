using Compacts.Functions.Reviews;

namespace Compacts.Functions.Tests;

/// <summary>Standings from reviewed figures (the review rules, "Scoring" and "Locked"), through the HTTP API.</summary>
public sealed class ReviewStandingsTests() : SeededAppTests(new DateTimeOffset(2024, 7, 10, 2, 0, 0, TimeSpan.Zero)) // 10 July: June is due, not final
{
    private const string June = "2024-06";
    private static readonly string Head = Principals.ReporterOf("thanh-hoa");
    private static readonly string Deputy = Principals.ReporterOf("ninh-binh");

    [Fact]
    public async Task A_confirmed_correction_counts_in_the_next_run_and_rows_carry_the_review_state_and_the_run_its_basis()
    {
        await App.ImportReportsAsync(6);
        var before = Row((await App.PostRun(Principals.Admin, June)).Json, "nghe-an");

        var review = await PostReviewAsync(Head, "nghe-an", new
        {
            revision = 1,
            decision = "confirm",
            comment = "Đã đối chiếu",
            items = new Dictionary<string, object> { ["crime-reduction"] = new { value = 5000, comment = "Theo số liệu thống kê ngành" } },
        });
        var after = await App.PostRun(Principals.Admin, June);

        Assert.Equal(201, review.Status);
        var row = Row(after.Json, "nghe-an");
        Assert.Equal("confirmed", row.GetProperty("reviewState").GetString());
        Assert.NotEqual(before.GetProperty("criteria").GetProperty("crime-reduction").GetRawText(),
            row.GetProperty("criteria").GetProperty("crime-reduction").GetRawText());
        Assert.Equal("submitted", Row(after.Json, "ha-tinh").GetProperty("reviewState").GetString());
        var basis = after.Json.GetProperty("basis");
        Assert.Equal((1, 4, 0, 0), (basis.GetProperty("confirmed").GetInt32(), basis.GetProperty("submitted").GetInt32(),
            basis.GetProperty("returned").GetInt32(), basis.GetProperty("missing").GetInt32()));
    }

    [Fact]
    public async Task With_review_required_a_month_past_its_finalize_instant_waits_for_the_last_confirm_which_makes_it_final()
    {
        await App.SetReviewRequiredAsync(true);
        await App.ImportReportsAsync(6);
        App.Time.SetUtcNow(new DateTimeOffset(2024, 7, 20, 2, 0, 0, TimeSpan.Zero)); // past June's finalize instant (5 July + 10 days)

        var waiting = await App.PostRun(Principals.Admin, June);
        foreach (var unit in TestApp.Units.Where(u => u != "nghe-an"))
        {
            var reviewer = unit == "thanh-hoa" ? Deputy : Head; // the deputy's users review the head's report
            Assert.Equal(201, (await PostReviewAsync(reviewer, unit, new { revision = 1, decision = "confirm" })).Status);
        }

        var stillWaiting = await App.GetStandings(Principals.Admin, June);
        var last = await PostReviewAsync(Head, "nghe-an", new { revision = 1, decision = "confirm" });
        var final = await App.GetStandings(Principals.Admin, June);

        Assert.Equal("provisional", waiting.Json.GetProperty("status").GetString());
        Assert.Equal("review", stillWaiting.Json.GetProperty("finalPending").GetString());
        Assert.Equal(201, last.Status);
        Assert.Equal("final", final.Json.GetProperty("status").GetString());
        Assert.False(final.Json.TryGetProperty("finalPending", out _));
        Assert.Equal(5, final.Json.GetProperty("basis").GetProperty("confirmed").GetInt32());
    }

    [Fact]
    public async Task Once_the_month_is_final_reviews_are_refused_and_a_reporter_may_not_revise_a_confirmed_report()
    {
        await App.SetReviewRequiredAsync(false); // June turns final at its finalize instant with reports still waiting for review
        await App.ImportReportsAsync(6);
        Assert.Equal(201, (await PostReviewAsync(Head, "nghe-an", new { revision = 1, decision = "confirm" })).Status);
        App.Time.SetUtcNow(new DateTimeOffset(2024, 7, 20, 2, 0, 0, TimeSpan.Zero));
        Assert.Equal("final", (await App.PostRun(Principals.Admin, June)).Json.GetProperty("status").GetString());

        var review = await PostReviewAsync(Head, "ha-tinh", new { revision = 1, decision = "return", items = new Dictionary<string, object> { ["crime-reduction"] = new { comment = "Thiếu số liệu" } }, comment = "Trả lại" });
        var byReporter = await App.PutReport(TestRequest.PutJson(Principals.ReporterOf("nghe-an"), Calls.ReportBody(crimes: 5)), June, "nghe-an");
        var byAdmin = await App.PutReport(TestRequest.PutJson(Principals.Admin, Calls.ReportBody(crimes: 6)), June, "nghe-an");
        var history = await App.SendAsync<ReviewsFunctions>(TestRequest.Get(Principals.Admin), (f, req, ct) => f.GetReportHistory(req, TestApp.CompactId, June, "nghe-an", ct));

        Assert.True(review.Status == 409, review.ToString());
        Assert.Equal("submitted", review.Json.GetProperty("state").GetString());
        Assert.Equal(409, byReporter.Status);
        Assert.Equal(200, byAdmin.Status);
        Assert.Equal(["submitted", "confirmed", "lockedCorrection"], history.Json.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("event").GetString()));
        Assert.Equal("confirmed", (await App.GetReport(Principals.Admin, June, "nghe-an")).Json.GetProperty("review").GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_review_racing_the_final_run_is_either_in_it_or_refused()
    {
        await App.SetReviewRequiredAsync(false); // each month turns final at the admin's run, reviewed or not
        await App.ImportReportsAsync(6);
        App.Time.SetUtcNow(new DateTimeOffset(2024, 7, 20, 2, 0, 0, TimeSpan.Zero)); // every month to June past its finalize instant
        var outcomes = new List<(string Period, string Unit, int Review, string? InRun)>();
        for (var month = 1; month <= 6; month++)
        {
            var period = $"2024-{month:D2}";
            var reviews = TestApp.Units.Select(unit => Task.Run(() => PostReviewAsync(
                unit == "thanh-hoa" ? Principals.Admin : Head, unit, new { revision = 1, decision = "confirm" }, period))).ToList();
            var run = await Task.Run(() => App.PostRun(Principals.Admin, period));
            await Task.WhenAll(reviews);

            Assert.Equal("final", run.Json.GetProperty("status").GetString());
            outcomes.AddRange(TestApp.Units.Select((unit, i) => (period, unit, reviews[i].Result.Status,
                Row(run.Json, unit).GetProperty("reviewState").GetString())));
        }

        Assert.All(outcomes, o => Assert.True(
            (o.Review, o.InRun) is (201, "confirmed") or (409, "submitted"),
            $"{o.Period} {o.Unit}: review answered {o.Review}, the final run has it {o.InRun}"));
        Assert.Contains(outcomes, o => o.Review == 201); // some reviews commit before the lock (which ones varies from run to run)
    }

    private Task<TestResponse> PostReviewAsync(string principal, string unitId, object body, string period = June) =>
        App.SendAsync<ReviewsFunctions>(TestRequest.PutJson(principal, body) with { Method = "POST" },
            (f, req, ct) => f.PostReview(req, TestApp.CompactId, period, unitId, ct));

    private static JsonElement Row(JsonElement standings, string unitId) =>
        standings.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("unitId").GetString() == unitId);
}
