namespace Compacts.Functions.Tests.Infrastructure;

/// <summary>A test class on the seeded demo compact whose reports of nghe-an are reviewed by the head's user (thanh-hoa).</summary>
public abstract class ReviewAppTests(DateTimeOffset? now = null) : SeededAppTests(now)
{
    protected const string Unit = "nghe-an";
    protected static readonly string Reporter = Principals.ReporterOf(Unit);
    protected static readonly string Head = Principals.ReporterOf("thanh-hoa");

    /// <summary>A new revision of nghe-an's March report by its reporter; returns its number.</summary>
    protected async Task<int> SubmitAsync(double crimes = 1180, string unitId = Unit)
    {
        var response = await App.PutReport(TestRequest.PutJson(Principals.ReporterOf(unitId), Calls.ReportBody(crimes: crimes)), ReviewCalls.Period, unitId);
        Assert.True(response.Status is 200 or 201, response.ToString());
        return response.Json.GetProperty("revision").GetInt32();
    }

    /// <summary>The review state GET report answers.</summary>
    protected async Task<string?> StateAsync(string unitId = Unit) =>
        (await App.GetReport(Principals.Admin, ReviewCalls.Period, unitId)).Json.GetProperty("review").GetProperty("state").GetString();
}
