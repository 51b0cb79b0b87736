namespace Compacts.Functions.Tests.Infrastructure;

/// <summary>Short names for calling the function classes the way the routes do.</summary>
public static class Calls
{
    public static Task<TestResponse> PutReport(this TestApp app, TestRequest request, string period, string unitId, string compactId = TestApp.CompactId) =>
        app.SendAsync<ReportsFunctions>(request, (f, req, ct) => f.PutReport(req, compactId, period, unitId, ct));

    public static Task<TestResponse> GetReport(this TestApp app, string? principal, string period, string unitId, string compactId = TestApp.CompactId) =>
        app.SendAsync<ReportsFunctions>(TestRequest.Get(principal), (f, req, ct) => f.GetReport(req, compactId, period, unitId, ct));

    public static Task<TestResponse> GetRevisions(this TestApp app, string? principal, string period, string unitId) =>
        app.SendAsync<ReportsFunctions>(TestRequest.Get(principal), (f, req, ct) => f.GetReportRevisions(req, TestApp.CompactId, period, unitId, ct));

    public static Task<TestResponse> GetPeriod(this TestApp app, string? principal, string period) =>
        app.SendAsync<ReportsFunctions>(TestRequest.Get(principal), (f, req, ct) => f.GetPeriodReports(req, TestApp.CompactId, period, ct));

    public static Task<TestResponse> PutCompact(this TestApp app, TestRequest request, string compactId = TestApp.CompactId) =>
        app.SendAsync<CompactsFunctions>(request, (f, req, ct) => f.PutCompact(req, compactId, ct));

    public static Task<TestResponse> GetCompact(this TestApp app, string? principal, string compactId = TestApp.CompactId) =>
        app.SendAsync<CompactsFunctions>(TestRequest.Get(principal), (f, req, ct) => f.GetCompact(req, compactId, ct));

    public static Task<TestResponse> GetCompacts(this TestApp app, string? principal) =>
        app.SendAsync<CompactsFunctions>(TestRequest.Get(principal), (f, req, ct) => f.GetCompacts(req, ct));

    /// <summary>A complete, valid report body for a unit of the demo compact (every unit has every target there).</summary>
    public static object ReportBody(double crimes = 1180, bool ministry = true, int charity = 2, string? note = "Báo cáo tháng", string? receivedAt = null) => new
    {
        values = new Dictionary<string, object>
        {
            ["propaganda-sessions"] = 4,
            ["emulation-plan"] = true,
            ["ministry-targets"] = ministry,
            ["no-surprise"] = true,
            ["crime-reduction"] = crimes,
            ["project06"] = 150000,
            ["drug-cases"] = 170,
            ["charity-houses"] = charity,
            ["cluster-coordination"] = true,
        },
        note,
        receivedAt,
    };
}
