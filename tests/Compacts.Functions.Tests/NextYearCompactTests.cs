using System.Text.Json.Nodes;
using Compacts.Functions.Imports;

namespace Compacts.Functions.Tests;

/// <summary>
/// Next year's compact through the API: <c>POST …/next</c> makes a draft, a draft refuses reports (and every other write of a result)
/// with what it lacks, the admin fills it and sets it active with If-Match, and then it takes reports.
/// </summary>
public sealed class NextYearCompactTests : SeededAppTests
{
    private const string Next = "cum6-2025";

    private static readonly string[] Missing =
    [
        "signedOn", "baseline of crime-reduction for ha-tinh", "baseline of crime-reduction for nghe-an", "baseline of crime-reduction for ninh-binh",
        "baseline of crime-reduction for quang-binh", "baseline of crime-reduction for thanh-hoa", "status active",
    ];

    private Task<TestResponse> PostNext(object body, string? principal = null, string from = TestApp.CompactId) =>
        App.SendAsync<CompactsFunctions>(ReviewCalls.PostJson(principal ?? Principals.Admin, body), (f, r, ct) => f.PostNextCompact(r, from, ct));

    private static object NextBody(string compactId = Next, string? head = "nghe-an", string? deputy = "ha-tinh") => new { compactId, head, deputy };

    /// <summary>The draft as GET shows it, turned into a PUT body (no compactId), with <paramref name="change"/> applied.</summary>
    private async Task<(JsonObject Body, string ETag)> EditableAsync(Action<JsonObject> change)
    {
        var read = await App.GetCompact(Principals.Admin, Next);
        var body = JsonNode.Parse(read.Body)!.AsObject();
        body.Remove("compactId");
        change(body);
        return (body, read.ETag!);
    }

    private static void FillBaselines(JsonObject compact)
    {
        foreach (var content in compact["contents"]!.AsArray())
        {
            foreach (var criterion in content!["criteria"]!.AsArray().Where(c => (string?)c!["measure"] == "percentChange"))
            {
                foreach (var (_, target) in criterion!["targets"]!.AsObject())
                {
                    target!["baseline"] = 2500;
                }
            }
        }
    }

    private static void Complete(JsonObject compact)
    {
        FillBaselines(compact);
        compact["signedOn"] = "2025-03-10";
        compact["status"] = "active";
    }

    /// <summary>The draft cum6-2025, on 3 April 2025: March's reports are due.</summary>
    private async Task DraftInApril2025Async()
    {
        Assert.Equal(201, (await PostNext(NextBody())).Status);
        App.Time.SetUtcNow(new DateTimeOffset(2025, 4, 3, 2, 0, 0, TimeSpan.Zero));
    }

    private async Task ActivateAsync()
    {
        var (body, etag) = await EditableAsync(Complete);
        Assert.Equal(200, (await App.PutCompact(TestRequest.PutJson(Principals.Admin, body.ToJsonString()).With("If-Match", etag), Next)).Status);
    }

    [Fact]
    public async Task Next_creates_a_draft_of_the_next_year_with_baselines_cleared_and_the_roles_rotated()
    {
        var created = await PostNext(NextBody());

        Assert.Equal(201, created.Status);
        Assert.Equal($"/api/compacts/{Next}", created.Headers.Location.ToString());
        Assert.NotNull(created.ETag);
        var read = await App.GetCompact(Principals.ReporterOf("nghe-an"), Next);
        Assert.Equal(created.ETag, read.ETag);
        var compact = read.Json;
        Assert.Equal("draft", compact.GetProperty("status").GetString());
        Assert.Equal(2025, compact.GetProperty("year").GetInt32());
        Assert.Equal("Giao ước thi đua \"Vì an ninh Tổ quốc\" năm 2025", compact.GetProperty("title").GetString());
        Assert.Equal("Thanh Hóa", compact.GetProperty("place").GetString());
        Assert.False(compact.TryGetProperty("signedOn", out _));
        Assert.Equal(
            ["thanh-hoa:member", "ninh-binh:member", "nghe-an:head", "ha-tinh:deputy", "quang-binh:member"],
            compact.GetProperty("members").EnumerateArray().Select(m => $"{m.GetProperty("unitId").GetString()}:{m.GetProperty("role").GetString()}"));
        var crime = compact.GetProperty("contents").EnumerateArray().SelectMany(c => c.GetProperty("criteria").EnumerateArray())
            .Single(c => c.GetProperty("id").GetString() == "crime-reduction");
        Assert.All(crime.GetProperty("targets").EnumerateObject(), t =>
        {
            Assert.False(t.Value.TryGetProperty("baseline", out _));
            Assert.True(t.Value.GetProperty("target").GetDecimal() > 0);
        });
        var source = (await App.GetCompact(Principals.Admin)).Json;
        Assert.Equal(source.GetProperty("reporting").GetRawText(), compact.GetProperty("reporting").GetRawText());
        Assert.Equal(source.GetProperty("review").GetRawText(), compact.GetProperty("review").GetRawText());
        var summary = (await App.GetCompacts(Principals.Admin)).Json.EnumerateArray().Single(c => c.GetProperty("compactId").GetString() == Next);
        Assert.Equal("draft", summary.GetProperty("status").GetString());
        Assert.Equal("active", source.GetProperty("status").GetString());
        var history = await App.SendAsync<Year.YearFunctions>(TestRequest.Get(Principals.ReporterOf("nghe-an")), (f, req, ct) => f.GetUnitHistory(req, "nghe-an", ct));
        var years = history.Json.GetProperty("years").EnumerateArray().ToList();
        Assert.Equal([(2025, Next, "draft"), (2024, TestApp.CompactId, "active")],
            years.Select(y => (y.GetProperty("year").GetInt32(), y.GetProperty("compactId").GetString(), y.GetProperty("compactStatus").GetString())));
        Assert.False(years[0].TryGetProperty("status", out _)); // a draft has no December run
    }

    [Fact]
    public async Task An_existing_compact_id_is_409_and_nothing_is_overwritten()
    {
        Assert.Equal(201, (await PostNext(NextBody())).Status);
        var before = await App.DumpAsync();

        var again = await PostNext(NextBody(head: "ha-tinh", deputy: null));
        var overThisYear = await PostNext(NextBody(compactId: TestApp.CompactId));

        Assert.Equal(409, again.Status);
        Assert.Equal(409, overThisYear.Status);
        Assert.Equal(before, await App.DumpAsync());
    }

    [Fact]
    public async Task The_next_year_of_a_draft_is_refused_until_the_draft_is_active()
    {
        Assert.Equal(201, (await PostNext(NextBody())).Status);
        var before = await App.DumpAsync();

        var fromDraft = await PostNext(NextBody(compactId: "cum6-2026"), from: Next);

        Assert.Equal(409, fromDraft.Status);
        Assert.Equal("The compact is a draft.", fromDraft.Json.GetProperty("title").GetString());
        Assert.Equal(before, await App.DumpAsync());
        await ActivateAsync();
        Assert.Equal(201, (await PostNext(NextBody(compactId: "cum6-2026"), from: Next)).Status);
    }

    [Fact]
    public async Task Next_of_an_unknown_compact_is_404_and_bad_roles_are_400_by_field_storing_nothing()
    {
        var before = await App.DumpAsync();

        var unknown = await PostNext(NextBody(), from: "cum7-2024");
        var outsider = await PostNext(NextBody(head: "da-nang"));
        var sameUnit = await PostNext(NextBody(deputy: "nghe-an"));
        var noHead = await PostNext(NextBody(head: null));
        var reporter = await PostNext(NextBody(), Principals.ReporterOf("thanh-hoa"));

        Assert.Equal(404, unknown.Status);
        Assert.Equal(400, outsider.Status);
        Assert.True(outsider.Json.GetProperty("errors").TryGetProperty("head", out _));
        Assert.Equal(400, sameUnit.Status);
        Assert.True(sameUnit.Json.GetProperty("errors").TryGetProperty("deputy", out _));
        Assert.Equal(400, noHead.Status);
        Assert.Equal(403, reporter.Status);
        Assert.Equal(before, await App.DumpAsync());
    }

    [Fact]
    public async Task A_draft_refuses_reports_imports_runs_and_ballots_naming_what_is_missing()
    {
        await DraftInApril2025Async();
        var before = await App.DumpAsync();

        var report = await App.PutReport(TestRequest.PutJson(Principals.ReporterOf("ha-tinh"), Calls.ReportBody()), "2025-03", "ha-tinh", Next);
        var run = await App.SendAsync<StandingsFunctions>(new TestRequest("POST", Principals.Admin), (f, r, ct) => f.PostStandingsRun(r, Next, "2025-03", ct));
        var ballot = await App.OpenBallot(Principals.Admin, BallotCalls.OpenBody(ballotId: "b", closesAt: "2025-05-01T00:00:00Z"), Next);
        var import = await App.SendAsync<ImportsFunctions>(Imports.ImportCalls.Upload("POST", Imports.ImportCalls.Reports("2025-04-02 09:00").Build()),
            (f, r, ct) => f.PostReportImport(r, Next, "2025-03", ct));

        Assert.Equal(409, report.Status);
        Assert.Equal(Missing, report.Json.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(409, run.Status);
        Assert.Equal(409, ballot.Status);
        Assert.Equal(409, import.Status);
        Assert.Equal(Missing, import.Json.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(before, await App.DumpAsync());
    }

    [Fact]
    public async Task Activation_is_refused_while_anything_is_missing_and_accepted_once_filled_then_reports_are_taken()
    {
        await DraftInApril2025Async();

        var (incomplete, etag) = await EditableAsync(c => c["status"] = "active");
        var refused = await App.PutCompact(TestRequest.PutJson(Principals.Admin, incomplete.ToJsonString()).With("If-Match", etag), Next);
        Assert.Equal(400, refused.Status);
        Assert.Equal(6, refused.Json.GetProperty("errors").EnumerateObject().Count()); // signedOn and five baselines, each named by its path
        Assert.True(refused.Json.GetProperty("errors").TryGetProperty("signedOn", out _));
        Assert.Equal("draft", (await App.GetCompact(Principals.Admin, Next)).Json.GetProperty("status").GetString());

        var (filled, _) = await EditableAsync(FillBaselines);
        var stillDraft = await App.PutCompact(TestRequest.PutJson(Principals.Admin, filled.ToJsonString()).With("If-Match", etag), Next);
        Assert.Equal(200, stillDraft.Status);
        var onlySigning = await App.PutReport(TestRequest.PutJson(Principals.ReporterOf("ha-tinh"), Calls.ReportBody()), "2025-03", "ha-tinh", Next);
        Assert.Equal(["signedOn", "status active"], onlySigning.Json.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));

        await ActivateAsync();
        Assert.Equal("active", (await App.GetCompact(Principals.Admin, Next)).Json.GetProperty("status").GetString());
        var report = await App.PutReport(TestRequest.PutJson(Principals.ReporterOf("ha-tinh"), Calls.ReportBody()), "2025-03", "ha-tinh", Next);
        Assert.Equal(201, report.Status);
    }

    [Fact]
    public async Task An_active_compact_cannot_be_put_back_to_draft()
    {
        await PostNext(NextBody());
        await ActivateAsync();
        var before = await App.DumpAsync();

        var (draft, etag) = await EditableAsync(c => c["status"] = "draft");
        var back = await App.PutCompact(TestRequest.PutJson(Principals.Admin, draft.ToJsonString()).With("If-Match", etag), Next);

        Assert.Equal(409, back.Status);
        Assert.Equal(before, await App.DumpAsync());
    }

    [Fact]
    public async Task The_standings_and_reminder_planners_skip_a_draft_until_it_is_active()
    {
        await PostNext(NextBody());
        App.Time.SetUtcNow(new DateTimeOffset(2025, 4, 6, 2, 0, 0, TimeSpan.Zero)); // March due on 5 April: its run and its overdue notices are in play

        var standings = await App.Get<StandingsPlanner>().PlanAsync(default);
        var reminders = await App.Get<ReminderPlanner>().PlanAsync(default);
        var sent = await App.Get<ReminderService>().RunCompactAsync(Next, default);

        Assert.DoesNotContain(standings, w => w.CompactId == Next);
        Assert.DoesNotContain(reminders, w => w.CompactId == Next);
        Assert.Equal(0, sent.Owed);

        await ActivateAsync();
        Assert.Contains(await App.Get<StandingsPlanner>().PlanAsync(default), w => w.CompactId == Next && w.Period == "2025-03");
        Assert.Contains(await App.Get<ReminderPlanner>().PlanAsync(default), w => w.CompactId == Next);
    }
}
