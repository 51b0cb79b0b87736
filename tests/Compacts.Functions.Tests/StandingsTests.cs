using Azure.Storage.Queues;
using Compacts.Domain.Scoring;

namespace Compacts.Functions.Tests;

public sealed class StandingsTests : IAsyncLifetime
{
    // June 2024: due 5 July 17:00 (10:00 UTC), final from 15 July 17:00 (10:00 UTC).
    private static readonly DateTimeOffset JuneFinal = new(2024, 7, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly Period June = new(2024, 6);
    private readonly TestApp _app = new(new DateTimeOffset(2024, 7, 10, 2, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        await _app.SeedAsync(TestApp.DemoCompactDraftWithoutRequiredReview()); // docs/scoring.md's finality: at the finalize instant
        await _app.ImportReportsAsync(6, late: [("ninh-binh", 2), ("nghe-an", 6)], missing: [("quang-binh", 6), ("ha-tinh", 3)]);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private StandingsService Service => _app.Get<StandingsService>();

    [Fact]
    public async Task A_run_scores_the_stored_reports_with_late_and_missing_months()
    {
        var outcome = Assert.IsType<ComputeOutcome.Written>(await Service.ComputeAsync(TestApp.CompactId, June, "timer", false, default));
        var rows = outcome.Run.Rows;

        Assert.Equal(RunStatus.Provisional, outcome.Run.Status);
        Assert.Equal(5, rows.Count);
        Assert.Equal("quang-binh", rows[^1].UnitId);
        Assert.True(rows[^1].NotRanked);
        Assert.Equal(1, rows[^1].LateMonths);
        Assert.Equal(1, rows.Row("ninh-binh").LateMonths);
        Assert.Equal(1, rows.Row("nghe-an").LateMonths);
        Assert.Equal(1, rows.Row("ha-tinh").LateMonths);
        Assert.Equal(0, rows.Row("thanh-hoa").LateMonths);
        Assert.Equal("Công an tỉnh thanh-hoa", rows.Row("thanh-hoa").UnitName);
        Assert.Equal(100, rows.Row("thanh-hoa").AssignedMax);
        Assert.All(rows.Take(4), r => Assert.NotNull(r.Rank));

        // The same rows as the engine gives for what was stored (the engine itself is checked by hand-computed cases).
        var stored = await _app.Get<ReportStore>().GetPointersAsync(TestApp.CompactId, new Period(2024, 1), June, default);
        var compact = (await _app.Get<CompactStore>().GetAsync(TestApp.CompactId, default))!.Compact;
        var inputs = TestApp.Units.Select(u => new UnitInput(u, $"Công an tỉnh {u}",
            stored.Where(p => p.Current.UnitId == u).ToDictionary(p => p.Current.Period.Month, p => p.FirstReceivedAt),
            stored.FirstOrDefault(p => p.Current.UnitId == u && p.Current.Period == June)?.Current.Values)).ToList();
        Assert.Equal(JsonSerializer.Serialize(StandingsEngine.Compute(compact, June, inputs)), JsonSerializer.Serialize(rows.Select(r => r with { ReviewState = null })));
        Assert.All(rows.Where(r => !r.NotRanked), r => Assert.Equal(Domain.Review.ReviewState.Submitted, r.ReviewState));
    }

    [Fact]
    public async Task The_timer_run_twice_at_once_leaves_exactly_one_visible_run()
    {
        var outcomes = await Task.WhenAll(
            Service.ComputeAsync(TestApp.CompactId, June, "timer", false, default),
            Service.ComputeAsync(TestApp.CompactId, June, "timer", false, default));

        var written = Assert.Single(outcomes.OfType<ComputeOutcome.Written>());
        Assert.Single(outcomes.OfType<ComputeOutcome.Unchanged>());
        var runs = await _app.Get<StandingsStore>().ListRunsAsync(TestApp.CompactId, June, default);
        Assert.Equal(written.Run.RunId, Assert.Single(runs).RunId);
        var latest = await _app.GetStandings(Principals.Admin, "2024-06");
        Assert.Equal(written.Run.RunId, latest.Json.GetProperty("runId").GetString());
        Assert.Equal(5, latest.Json.GetProperty("rows").GetArrayLength());
        Assert.Empty(_app.AzureRules.BatchViolations);
    }

    [Fact]
    public async Task Unchanged_inputs_write_no_new_run_and_a_new_revision_does()
    {
        var first = Assert.IsType<ComputeOutcome.Written>(await Service.ComputeAsync(TestApp.CompactId, June, "timer", false, default));
        var again = await Service.ComputeAsync(TestApp.CompactId, June, "timer", false, default);
        await _app.PutReport(TestRequest.PutJson(Principals.Admin, Calls.ReportBody(crimes: 1, receivedAt: "2024-07-06T09:00:00+07:00")), "2024-06", "ha-tinh");
        var afterRevision = await Service.ComputeAsync(TestApp.CompactId, June, "timer", false, default);

        Assert.Equal(first.Run.RunId, Assert.IsType<ComputeOutcome.Unchanged>(again).RunId);
        var second = Assert.IsType<ComputeOutcome.Written>(afterRevision);
        Assert.NotEqual(first.Run.InputsHash, second.Run.InputsHash);
        Assert.Equal(2, (await _app.Get<StandingsStore>().ListRunsAsync(TestApp.CompactId, June, default)).Count);
    }

    [Fact]
    public async Task A_period_is_provisional_until_its_finalize_instant_then_final_and_closed()
    {
        _app.Time.SetUtcNow(JuneFinal.AddTicks(-1));
        var provisional = Assert.IsType<ComputeOutcome.Written>(await Service.ComputeAsync(TestApp.CompactId, June, "timer", false, default));
        _app.Time.SetUtcNow(JuneFinal);
        var final = Assert.IsType<ComputeOutcome.Written>(await Service.ComputeAsync(TestApp.CompactId, June, "timer", false, default));
        _app.Time.SetUtcNow(JuneFinal.AddDays(1));
        var before = await _app.DumpAsync();

        var timerAfter = await Service.ComputeAsync(TestApp.CompactId, June, "timer", false, default);
        var postAfter = await _app.PostRun(Principals.Admin, "2024-06");

        Assert.Equal(RunStatus.Provisional, provisional.Run.Status);
        Assert.Equal(RunStatus.Final, final.Run.Status);
        Assert.Equal(final.Run.RunId, Assert.IsType<ComputeOutcome.AlreadyFinal>(timerAfter).RunId);
        Assert.Equal(409, postAfter.Status);
        Assert.Equal(before, await _app.DumpAsync());
        var latest = await _app.GetStandings(Principals.ReporterOf("ha-tinh"), "2024-06");
        Assert.Equal("final", latest.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_admin_run_is_served_as_json_and_csv_to_members_and_listed_while_a_reporter_may_not_start_one()
    {
        var none = await _app.GetStandings(Principals.Admin, "2024-06");
        var byReporter = await _app.PostRun(Principals.ReporterOf("thanh-hoa"), "2024-06");
        var posted = await _app.PostRun(Principals.Admin, "2024-06");
        var json = await _app.GetStandings(Principals.ReporterOf("nghe-an"), "2024-06");
        var csv = await _app.GetStandings(TestRequest.Get(Principals.ReporterOf("nghe-an")).With("Accept", "text/csv"), "2024-06");
        var runs = await _app.GetRuns(Principals.Admin, "2024-06");

        Assert.Equal(404, none.Status);
        Assert.Equal(403, byReporter.Status);
        Assert.Equal(201, posted.Status);
        Assert.Equal(200, json.Status);
        var body = json.Json;
        Assert.Equal(posted.Json.GetProperty("runId").GetString(), body.GetProperty("runId").GetString());
        Assert.Equal("provisional", body.GetProperty("status").GetString());
        Assert.Equal("2024-07-05T10:00:00Z", body.GetProperty("dueAt").GetString());
        var first = body.GetProperty("rows")[0];
        foreach (var field in new[] { "rank", "unitId", "unitName", "score", "total", "assignedMax", "base", "adjustments", "penalty", "lateMonths", "exceeded", "notRanked", "criteria" })
        {
            Assert.True(first.TryGetProperty(field, out _), field);
        }

        Assert.True(first.GetProperty("criteria").TryGetProperty("crime-reduction", out _));
        Assert.StartsWith("text/csv", csv.ContentType, StringComparison.Ordinal);
        Assert.Equal("\uFEFF", csv.Body[..1]);
        var lines = csv.Body[1..].Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("rank,unitId,unitName,score,total,assignedMax,base,adjustments,penalty,lateMonths,exceeded,notRanked,reviewState,propaganda-sessions,", lines[0], StringComparison.Ordinal);
        Assert.Equal(6, lines.Length);
        Assert.Contains("Công an tỉnh quang-binh", lines[^1], StringComparison.Ordinal);
        Assert.EndsWith(",true,,,,,,,,,,,,", lines[^1], StringComparison.Ordinal);
        Assert.Contains(",false,submitted,", lines[1], StringComparison.Ordinal);
        Assert.Equal(posted.Json.GetProperty("runId").GetString(), runs.Json.GetProperty("runs")[0].GetProperty("runId").GetString());
    }

    [Fact]
    public async Task The_csv_format_can_be_asked_for_in_the_query_and_other_formats_are_400()
    {
        await _app.PostRun(Principals.Admin, "2024-06");
        var request = TestRequest.Get(Principals.Admin);
        var csv = await _app.SendAsync<StandingsFunctions>(request, (f, req, ct) =>
        {
            req.QueryString = new Microsoft.AspNetCore.Http.QueryString("?format=csv");
            return f.GetStandings(req, TestApp.CompactId, "2024-06", ct);
        });
        var xml = await _app.SendAsync<StandingsFunctions>(request, (f, req, ct) =>
        {
            req.QueryString = new Microsoft.AspNetCore.Http.QueryString("?format=xml");
            return f.GetStandings(req, TestApp.CompactId, "2024-06", ct);
        });

        Assert.StartsWith("text/csv", csv.ContentType, StringComparison.Ordinal);
        Assert.Equal(400, xml.Status);
        Assert.Equal(400, (await _app.GetStandings(Principals.Admin, "2023-06")).Status);
    }

    [Fact]
    public async Task Rows_written_without_their_header_and_pointer_are_never_visible()
    {
        var written = Assert.IsType<ComputeOutcome.Written>(await Service.ComputeAsync(TestApp.CompactId, June, "timer", false, default));
        var table = await _app.Get<Tables>().GetAsync(Tables.StandingsName);
        // What a crashed writer of a large run leaves: rows of a run whose header and pointer were never written.
        await table.AddEntityAsync(new TableEntity(StandingsStore.PartitionKey(TestApp.CompactId, June), "run_20240710020000000ffffff_r0001")
        {
            ["Kind"] = "row",
            ["Row"] = "{}",
        });

        var runs = await _app.GetRuns(Principals.Admin, "2024-06");
        var latest = await _app.GetStandings(Principals.Admin, "2024-06");

        Assert.Equal([written.Run.RunId], runs.Json.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("runId").GetString()));
        Assert.Equal(written.Run.RunId, latest.Json.GetProperty("runId").GetString());
    }

    [Fact]
    public async Task The_planner_enqueues_due_periods_not_yet_past_finality_and_the_worker_computes_them()
    {
        var planned = await _app.Get<StandingsPlanner>().PlanAsync(default);

        // 10 July 2024: June is due (5 July) and not final + 7 days; May was final on 15 June (+7 days = 22 June).
        Assert.Equal([new StandingsWork(TestApp.CompactId, "2024-06")], planned);
        var queue = _app.Get<QueueServiceClient>().GetQueueClient(_app.Get<Storage.WorkQueue<StandingsWork>>().Name);
        var message = Assert.Single((await queue.ReceiveMessagesAsync(10)).Value);
        var work = JsonSerializer.Deserialize<StandingsWork>(message.Body, Http.ApiJson.Options)!;

        var jobs = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<StandingsJobs>(_app.Services);
        await jobs.ComputeStandings(work, default);
        await jobs.ComputeStandings(work, default); // a redelivered message changes nothing

        Assert.Single(await _app.Get<StandingsStore>().ListRunsAsync(TestApp.CompactId, June, default));
        await jobs.ComputeStandings(new StandingsWork("../x", "2024-99"), default); // malformed: dropped, no exception
    }
}

public sealed class LargeClusterStandingsTests : IAsyncLifetime
{
    private readonly TestApp _app = new(new DateTimeOffset(2024, 7, 10, 2, 0, 0, TimeSpan.Zero));
    private readonly string[] _units = Enumerable.Range(1, 120).Select(i => $"unit-{i:D3}").ToArray();

    public async Task InitializeAsync()
    {
        foreach (var unit in _units)
        {
            await _app.Get<UnitStore>().PutAsync(new Unit(unit, unit, []), default);
        }

        var draft = new CompactDraft("Cụm lớn", "Cụm", 2024, null, "2024-01-10",
            _units.Select((u, i) => new MemberDraft(u, i == 0 ? "head" : "member")).ToList(), null,
            [new ContentDraft("c1", "Nội dung", [new CriterionDraft("q", "Đạt", "qualitative", 10, null, null, null, null, null, null, null, null)])]);
        var (compact, _) = CompactValidator.Validate(draft);
        await _app.Get<CompactStore>().PutAsync(TestApp.CompactId, compact!, null, false, default);
        foreach (var (unit, i) in _units.Select((u, i) => (u, i)))
        {
            var values = new Dictionary<string, ReportValue> { ["q"] = ReportValue.Of(i % 3 != 0) };
            await _app.Get<ReportStore>().SubmitAsync(TestApp.CompactId, new Period(2024, 6), unit,
                new RevisionDraft(values, null, new DateTimeOffset(2024, 7, 3, 2, 0, 0, TimeSpan.Zero), "admin"), _ => false, null, null, default);
        }
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_run_of_more_rows_than_one_transaction_holds_is_written_in_transactions_Azure_accepts()
    {
        var outcome = await _app.Get<StandingsService>().ComputeAsync(TestApp.CompactId, new Period(2024, 6), "timer", false, default);

        Assert.IsType<ComputeOutcome.Written>(outcome);
        Assert.Empty(_app.AzureRules.BatchViolations);
        var latest = await _app.GetStandings(Principals.Admin, "2024-06");
        Assert.Equal(120, latest.Json.GetProperty("rows").GetArrayLength());
        Assert.Equal(80, latest.Json.GetProperty("rows").EnumerateArray().Count(r => r.GetProperty("rank").GetInt32() == 1));
        Assert.Equal(81, latest.Json.GetProperty("rows")[80].GetProperty("rank").GetInt32());
        Assert.Contains(_app.AzureRules.Batches, b => b.Operations == 100); // 120 rows: 100 + 20, then header and pointer
    }
}
