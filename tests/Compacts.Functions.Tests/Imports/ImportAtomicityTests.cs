using Compacts.Functions.Tests.Reliability;

namespace Compacts.Functions.Tests.Imports;

/// <summary>
/// A month's import is all or nothing: its revisions and events are written first above the reports' pointers (no reader shows
/// them), then every pointer in one transaction. A storage failure between the two leaves nothing visible; what it left behind
/// never blocks the next revision; every transaction keeps to Azure's 100 operations.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class ImportAtomicityTests : IAsyncLifetime
{
    private FaultProxy _proxy = null!;
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        var ports = FaultProxy.StoragePorts();
        _proxy = new FaultProxy(ports["Table"]);
        _app = new TestApp(settings: new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = FaultProxy.ConnectionString(ports["Blob"], ports["Queue"], _proxy.Port),
        });
        await _app.SeedAsync();
    }

    public async Task DisposeAsync()
    {
        _proxy.RefuseRequests(0, _ => false);
        await _app.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    private static bool Batch(string requestLine) => requestLine.Contains("/$batch ", StringComparison.Ordinal);

    [Fact]
    public async Task A_storage_failure_before_the_pointers_leaves_nothing_visible_and_a_retry_succeeds()
    {
        Assert.Equal(201, (await _app.PutReport(TestRequest.PutJson(Principals.ReporterOf("ha-tinh"), Calls.ReportBody()), "2024-03", "ha-tinh")).Status);
        var workbook = ImportCalls.Reports("2024-04-03 09:00").Build();
        _proxy.RefuseRequests(2, Batch); // the revisions and events go through (one transaction of 10); the pointers' transaction never arrives

        await Assert.ThrowsAnyAsync<Exception>(() => _app.ImportReports(workbook, "2024-03"));
        _proxy.RefuseRequests(0, Batch);

        var table = await _app.Get<Tables>().GetAsync(Tables.ReportsName);
        var partition = ReportStore.PartitionKey(TestApp.CompactId, new Period(2024, 3));
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>(partition, ReportStore.RevisionKey("nghe-an", 1))).HasValue); // the leftover is there
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>(partition, ReportStore.RevisionKey("ha-tinh", 2))).HasValue);
        foreach (var unit in TestApp.Units.Where(u => u != "ha-tinh"))
        {
            Assert.Equal(404, (await _app.GetReport(Principals.Admin, "2024-03", unit)).Status);
            Assert.Equal(0, (await _app.GetRevisions(Principals.Admin, "2024-03", unit)).Json.GetProperty("revisions").GetArrayLength());
        }

        Assert.Equal(1, (await _app.GetReport(Principals.Admin, "2024-03", "ha-tinh")).Json.GetProperty("revision").GetInt32());
        Assert.Single((await _app.GetRevisions(Principals.Admin, "2024-03", "ha-tinh")).Json.GetProperty("revisions").EnumerateArray());
        Assert.Single((await _app.GetHistory(Principals.Admin, "ha-tinh", "2024-03")).Json.GetProperty("events").EnumerateArray());
        var period = (await _app.GetPeriod(Principals.Admin, "2024-03")).Json;
        Assert.Equal(1, period.GetProperty("reports").GetArrayLength());

        var retried = await _app.ImportReports(workbook, "2024-03");

        Assert.True(retried.Status == 200, retried.ToString());
        Assert.Equal(2, (await _app.GetReport(Principals.Admin, "2024-03", "ha-tinh")).Json.GetProperty("revision").GetInt32());
        Assert.Equal(1, (await _app.GetReport(Principals.Admin, "2024-03", "nghe-an")).Json.GetProperty("revision").GetInt32());
        Assert.Equal(5, (await _app.GetPeriod(Principals.Admin, "2024-03")).Json.GetProperty("reports").GetArrayLength());
    }

    [Fact]
    public async Task A_failed_imports_leftovers_do_not_block_the_next_revision_by_PUT_or_review()
    {
        _proxy.RefuseRequests(2, Batch);
        await Assert.ThrowsAnyAsync<Exception>(() => _app.ImportReports(ImportCalls.Reports("2024-04-03 09:00").Build(), "2024-03"));
        _proxy.RefuseRequests(0, Batch);

        var put = await _app.PutReport(TestRequest.PutJson(Principals.ReporterOf("nghe-an"), Calls.ReportBody(crimes: 999)), "2024-03", "nghe-an");

        Assert.Equal(201, put.Status); // revision 1, over the leftover revision 1 and event 1
        var revisions = (await _app.GetRevisions(Principals.Admin, "2024-03", "nghe-an")).Json.GetProperty("revisions");
        Assert.Equal(999m, Assert.Single(revisions.EnumerateArray()).GetProperty("values").GetProperty("crime-reduction").GetDecimal());
        var history = (await _app.GetHistory(Principals.Admin, "nghe-an", "2024-03")).Json.GetProperty("events");
        Assert.Equal(Principals.ReporterId("nghe-an"), Assert.Single(history.EnumerateArray()).GetProperty("actor").GetString());
        var review = await _app.PostReview(Principals.ReporterOf("thanh-hoa"), "nghe-an", new { revision = 1, decision = "confirm" });
        Assert.True(review.Status == 201, review.ToString()); // its event 2 over the leftover's place
        Assert.Equal(2, (await _app.GetHistory(Principals.Admin, "nghe-an", "2024-03")).Json.GetProperty("events").GetArrayLength());
    }
}
