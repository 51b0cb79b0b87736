namespace Compacts.Functions.Tests.Infrastructure;

public static class StandingsCalls
{
    public static Task<TestResponse> GetStandings(this TestApp app, TestRequest request, string period) =>
        app.SendAsync<StandingsFunctions>(request, (f, req, ct) => f.GetStandings(req, TestApp.CompactId, period, ct));

    public static Task<TestResponse> GetStandings(this TestApp app, string? principal, string period) =>
        app.GetStandings(TestRequest.Get(principal), period);

    public static Task<TestResponse> PostRun(this TestApp app, string? principal, string period) =>
        app.SendAsync<StandingsFunctions>(new TestRequest("POST", principal), (f, req, ct) => f.PostStandingsRun(req, TestApp.CompactId, period, ct));

    public static Task<TestResponse> GetRuns(this TestApp app, string? principal, string period) =>
        app.SendAsync<StandingsFunctions>(TestRequest.Get(principal), (f, req, ct) => f.GetStandingsRuns(req, TestApp.CompactId, period, ct));

    public static Domain.Scoring.StandingRow Row(this IReadOnlyList<Domain.Scoring.StandingRow> rows, string unitId) => rows.Single(r => r.UnitId == unitId);

    /// <summary>Admin imports of January..<paramref name="lastMonth"/> for every unit except those skipped, on time (the 3rd) unless listed late (the 8th); the app's clock must be past them.</summary>
    public static async Task ImportReportsAsync(this TestApp app, int lastMonth, (string Unit, int Month)[]? late = null, (string Unit, int Month)[]? missing = null)
    {
        for (var month = 1; month <= lastMonth; month++)
        {
            foreach (var (unit, i) in TestApp.Units.Select((u, i) => (u, i)))
            {
                if (missing?.Contains((unit, month)) == true)
                {
                    continue;
                }

                var next = month == 12 ? new DateTime(2025, 1, 1) : new DateTime(2024, month + 1, 1);
                var day = late?.Contains((unit, month)) == true ? 8 : 3;
                var receivedAt = $"{next:yyyy-MM}-{day:D2}T09:00:00+07:00";
                var response = await app.PutReport(
                    TestRequest.PutJson(Principals.Admin, Calls.ReportBody(crimes: 1000 + (i * 37) + month, charity: (month + i) % 5, receivedAt: receivedAt)),
                    $"2024-{month:D2}", unit);
                Assert.True(response.Status is 200 or 201, response.ToString());
            }
        }
    }
}
