namespace Compacts.Functions.Tests;

/// <summary>The reproductions of exactness faults found by an outside check, through the HTTP API: compacts PUT as JSON text, reports PUT, a run POSTed.</summary>
public sealed class ExactStandingsTests : IAsyncLifetime
{
    private const string Compact = "exact-2024";
    private readonly TestApp _app = new(new DateTimeOffset(2024, 2, 3, 2, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync() => await _app.SeedAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string CompactJson(string criterion) => $$"""
        { "title": "Exact", "cluster": "Cụm 6", "year": 2024, "signedOn": "2024-01-10",
          "members": [ { "unitId": "thanh-hoa", "role": "head" }, { "unitId": "nghe-an", "role": "member" } ],
          "contents": [ { "id": "c1", "title": "Nội dung", "criteria": [ {{criterion}} ] } ] }
        """;

    private static string Quantitative(string measure, string accrual, string method, string ms, string target, string baseline) => $$"""
        { "id": "x", "title": "x", "type": "quantitative", "maxPoints": {{ms}}, "direction": "increase", "measure": "{{measure}}",
          "accrual": "{{accrual}}", "method": "{{method}}",
          "targets": { "thanh-hoa": { "target": {{target}}, "baseline": {{baseline}} }, "nghe-an": { "target": {{target}}, "baseline": {{baseline}} } } }
        """;

    private async Task<TestResponse> PutCompactAsync(string json) =>
        await _app.PutCompact(TestRequest.PutJson(Principals.Admin, json), Compact);

    private async Task<System.Text.Json.JsonElement> StandingsAsync(params (string Unit, string Value)[] reports)
    {
        foreach (var (unit, value) in reports)
        {
            var put = await _app.PutReport(TestRequest.PutJson(Principals.Admin, $$"""{ "values": { "x": {{value}} }, "receivedAt": "2024-02-02T09:00:00+07:00" }"""), "2024-01", unit, Compact);
            Assert.True(put.Status is 201, put.ToString());
        }

        var run = await _app.SendAsync<Standings.StandingsFunctions>(new TestRequest("POST", Principals.Admin), (f, req, ct) => f.PostStandingsRun(req, Compact, "2024-01", ct));
        Expect.Equal(201, run.Status, run.ToString());
        return run.Json;
    }

    private static System.Text.Json.JsonElement Row(System.Text.Json.JsonElement run, string unit) =>
        run.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("unitId").GetString() == unit);

    [Fact]
    public async Task A_value_exactly_at_target_is_not_counted_as_exceeded()
    {
        Assert.Equal(201, (await PutCompactAsync(CompactJson(Quantitative("percentChange", "cumulative", "linear", "20", "5", "100")))).Status);

        var run = await StandingsAsync(("thanh-hoa", "9"), ("nghe-an", "8.75"));

        Assert.Equal((1, 1), (Row(run, "thanh-hoa").GetProperty("rank").GetInt32(), Row(run, "thanh-hoa").GetProperty("exceeded").GetInt32()));
        Assert.Equal((2, 0), (Row(run, "nghe-an").GetProperty("rank").GetInt32(), Row(run, "nghe-an").GetProperty("exceeded").GetInt32()));
    }

    [Fact]
    public async Task LeaderRelative_gives_half_the_points_at_exactly_the_target()
    {
        Assert.Equal(201, (await PutCompactAsync(CompactJson(Quantitative("percentChange", "cumulative", "leaderRelative", "20", "5", "100")))).Status);

        var run = await StandingsAsync(("thanh-hoa", "8.75"), ("nghe-an", "8.5"));

        Assert.Equal("10", Row(run, "thanh-hoa").GetProperty("criteria").GetProperty("x").GetRawText());
        Assert.Equal("50", Row(run, "thanh-hoa").GetProperty("score").GetRawText());
    }

    [Fact]
    public async Task A_score_at_an_exact_midpoint_is_served_rounded_away_from_zero()
    {
        Assert.Equal(201, (await PutCompactAsync(CompactJson(Quantitative("percentChange", "rate", "linear", "7.5", "0.5", "400")))).Status);

        var run = await StandingsAsync(("thanh-hoa", "400.14"));

        Assert.Equal("0.53", Row(run, "thanh-hoa").GetProperty("criteria").GetProperty("x").GetRawText());
    }

    [Fact]
    public async Task AssignedMax_is_written_as_its_exact_decimal_sum()
    {
        var criteria = """
            { "id": "p", "title": "p", "type": "qualitative", "maxPoints": 0.1 },
            { "id": "q", "title": "q", "type": "qualitative", "maxPoints": 0.2 }
            """;
        Assert.Equal(201, (await PutCompactAsync(CompactJson(criteria))).Status);
        var put = await _app.PutReport(TestRequest.PutJson(Principals.Admin, """{ "values": { "p": true, "q": false } }"""), "2024-01", "nghe-an", Compact);
        Assert.Equal(201, put.Status);

        var run = await _app.SendAsync<Standings.StandingsFunctions>(new TestRequest("POST", Principals.Admin), (f, req, ct) => f.PostStandingsRun(req, Compact, "2024-01", ct));

        Assert.Equal("0.3", Row(run.Json, "nghe-an").GetProperty("assignedMax").GetRawText());
        Assert.Equal("33.33", Row(run.Json, "nghe-an").GetProperty("score").GetRawText());
    }

    [Theory]
    [InlineData("1e-308", "5", "contents[0].criteria[0].targets.thanh-hoa.target")]
    [InlineData("5e-324", "20", "contents[0].criteria[0].targets.thanh-hoa.target")]
    [InlineData("5", "5e-324", "contents[0].criteria[0].maxPoints")]
    [InlineData("5", "0.0000001", "contents[0].criteria[0].maxPoints")]
    [InlineData("1000000000001", "5", "contents[0].criteria[0].targets.thanh-hoa.target")]
    [InlineData("5", "1000.5", "contents[0].criteria[0].maxPoints")]
    [InlineData("1234567.12345678", "5", "contents[0].criteria[0].targets.thanh-hoa.target")]
    public async Task Numbers_outside_the_precision_and_bounds_are_refused_naming_the_field(string target, string maxPoints, string field)
    {
        var response = await PutCompactAsync(CompactJson(Quantitative("absolute", "rate", "linear", maxPoints, target, "null")));

        Assert.Equal(400, response.Status);
        Assert.Contains(field, response.ErrorFields);
        Assert.Equal(404, (await _app.GetCompact(Principals.Admin, Compact)).Status);
    }

    [Theory]
    [InlineData("1e-308")]
    [InlineData("0.0000001")]
    [InlineData("1180.0999999999999")]
    [InlineData("1000000000000.5")]
    [InlineData("1e400")]
    public async Task Report_values_outside_the_number_rules_are_refused(string value)
    {
        Assert.Equal(201, (await PutCompactAsync(CompactJson(Quantitative("absolute", "rate", "linear", "5", "5", "null")))).Status);

        var put = await _app.PutReport(TestRequest.PutJson(Principals.Admin, $$"""{ "values": { "x": {{value}} } }"""), "2024-01", "nghe-an", Compact);

        Assert.Equal(400, put.Status);
        Assert.Contains("values.x", put.ErrorFields);
        Assert.Equal(404, (await _app.GetReport(Principals.Admin, "2024-01", "nghe-an", Compact)).Status);
    }
}
