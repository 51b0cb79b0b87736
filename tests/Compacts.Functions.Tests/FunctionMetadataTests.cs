namespace Compacts.Functions.Tests;

/// <summary>The routes the Worker SDK wrote into functions.metadata (what the Functions host serves) are those of docs/api.md.</summary>
public class FunctionMetadataTests
{
    /// <summary>docs/api.md: method and route (under /api) of each function.</summary>
    private static readonly Dictionary<string, (string Method, string Route)> Contract = new()
    {
        ["PutUnit"] = ("put", "units/{unitId}"),
        ["GetUnits"] = ("get", "units"),
        ["GetUnit"] = ("get", "units/{unitId}"),
        ["PutUser"] = ("put", "users/{userId}"),
        ["GetUser"] = ("get", "users/{userId}"),
        ["DeleteUser"] = ("delete", "users/{userId}"),
        ["PutCompact"] = ("put", "compacts/{compactId}"),
        ["PostNextCompact"] = ("post", "compacts/{compactId}/next"),
        ["GetCompacts"] = ("get", "compacts"),
        ["GetCompact"] = ("get", "compacts/{compactId}"),
        ["GetCompactMembers"] = ("get", "compacts/{compactId}/members"),
        ["PutReport"] = ("put", "compacts/{compactId}/reports/{period}/{unitId}"),
        ["GetReport"] = ("get", "compacts/{compactId}/reports/{period}/{unitId}"),
        ["GetReportRevisions"] = ("get", "compacts/{compactId}/reports/{period}/{unitId}/revisions"),
        ["GetPeriodReports"] = ("get", "compacts/{compactId}/reports/{period}"),
        ["PostReview"] = ("post", "compacts/{compactId}/reports/{period}/{unitId}/reviews"),
        ["GetReviews"] = ("get", "compacts/{compactId}/reports/{period}/{unitId}/reviews"),
        ["PostExplanation"] = ("post", "compacts/{compactId}/reports/{period}/{unitId}/explanations"),
        ["GetReportHistory"] = ("get", "compacts/{compactId}/reports/{period}/{unitId}/history"),
        ["GetReviewQueue"] = ("get", "compacts/{compactId}/reviews/{period}"),
        ["GetStandings"] = ("get", "compacts/{compactId}/standings/{period}"),
        ["PostStandingsRun"] = ("post", "compacts/{compactId}/standings/{period}/runs"),
        ["GetStandingsRuns"] = ("get", "compacts/{compactId}/standings/{period}/runs"),
        ["PutEvidence"] = ("put", "compacts/{compactId}/reports/{period}/{unitId}/evidence/{criterionId}"),
        ["GetEvidence"] = ("get", "compacts/{compactId}/reports/{period}/{unitId}/evidence"),
        ["GetEvidenceFile"] = ("get", "compacts/{compactId}/reports/{period}/{unitId}/evidence/{criterionId}/{version}"),
        ["PutScan"] = ("put", "compacts/{compactId}/scans/{unitId}"),
        ["GetScans"] = ("get", "compacts/{compactId}/scans/{unitId}"),
        ["GetCompactScans"] = ("get", "compacts/{compactId}/scans"),
        ["PostReminderRun"] = ("post", "reminders/runs"), // an addition: run the reminders now (admin), one queue message per compact
        ["GetReminderRun"] = ("get", "reminders/runs/{runId}"), // an addition: that run's progress (admin)
        ["GetMailLedger"] = ("get", "compacts/{compactId}/mail/{period}"), // an addition: what was mailed in a month (admin)
        ["PostBallot"] = ("post", "compacts/{compactId}/ballots"),
        ["GetBallots"] = ("get", "compacts/{compactId}/ballots"),
        ["GetBallot"] = ("get", "compacts/{compactId}/ballots/{ballotId}"),
        ["PutVote"] = ("put", "compacts/{compactId}/ballots/{ballotId}/vote"),
        ["PostBallotClose"] = ("post", "compacts/{compactId}/ballots/{ballotId}/close"),
        ["GetBallotMinutes"] = ("get", "compacts/{compactId}/ballots/{ballotId}/minutes.docx"),
        ["GetYear"] = ("get", "compacts/{compactId}/year"),
        ["GetYearReport"] = ("get", "compacts/{compactId}/year/report.docx"),
        ["GetUnitHistory"] = ("get", "units/{unitId}/history"),
        ["GetTargets"] = ("get", "compacts/{compactId}/targets"),
        ["PutTargets"] = ("put", "compacts/{compactId}/targets"),
        ["PostReportImport"] = ("post", "compacts/{compactId}/reports/{period}/import"),
        ["GetReportImportTemplate"] = ("get", "compacts/{compactId}/reports/{period}/import.xlsx"),
        ["Health"] = ("get", "health"),
        ["GetOpenApi"] = ("get", "openapi.json"),
    };

    private static List<JsonElement> Functions() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata"))).RootElement.EnumerateArray().ToList();

    [Fact]
    public void Every_http_function_has_the_route_and_methods_of_the_contract()
    {
        var http = Functions()
            .Select(f => (Name: f.GetProperty("name").GetString()!, Trigger: f.GetProperty("bindings")[0]))
            .Where(f => f.Trigger.GetProperty("type").GetString() == "httpTrigger")
            .ToList();

        foreach (var (name, trigger) in http)
        {
            Assert.True(Contract.TryGetValue(name, out var expected), $"{name} is not in the contract");
            Assert.Equal(expected.Route, trigger.GetProperty("route").GetString());
            Assert.Equal([expected.Method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
            Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString()); // Easy Auth in front, no function keys
        }

        Assert.Equal(Contract.Keys.Order(), http.Select(f => f.Name).Order());
    }

    [Fact]
    public void The_standings_jobs_are_a_timer_from_settings_and_a_queue_trigger_on_a_literal_queue()
    {
        var bindings = Functions().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("bindings")[0]);

        Assert.Equal("timerTrigger", bindings["PlanStandings"].GetProperty("type").GetString());
        Assert.Equal("%Standings:Schedule%", bindings["PlanStandings"].GetProperty("schedule").GetString());
        Assert.False(bindings["PlanStandings"].TryGetProperty("runOnStartup", out var startup) && startup.GetBoolean());
        Assert.Equal("queueTrigger", bindings["ComputeStandings"].GetProperty("type").GetString());
        Assert.Equal("standings-work", bindings["ComputeStandings"].GetProperty("queueName").GetString());
    }

    [Fact]
    public void No_two_functions_serve_the_same_method_and_route()
    {
        var pairs = Contract.Values.ToList();

        Assert.Equal(pairs.Count, pairs.Distinct().Count());
    }
}
