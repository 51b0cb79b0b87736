namespace Compacts.Functions.Tests;

/// <summary>Storage round trips per operation (counted on the wire, not timed): the goals of the benchmarks issue.</summary>
public sealed class RoundTripTests : SeededAppTests
{
    private static readonly string Reporter = Principals.ReporterOf("nghe-an");

    [Fact]
    public async Task A_report_put_costs_at_most_two_round_trips_and_one_when_this_instance_wrote_it_last()
    {
        await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody()), "2024-02", "nghe-an"); // warms the compact and the user

        App.TableRoundTrips.Reset();
        var first = await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody()), "2024-03", "nghe-an");
        var firstTrips = App.TableRoundTrips.Count;
        App.TableRoundTrips.Reset();
        var next = await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody(crimes: 5)).With("Idempotency-Key", "k1"), "2024-03", "nghe-an");
        var nextTrips = App.TableRoundTrips.Count;

        Assert.Equal(201, first.Status);
        Assert.Equal(2, firstTrips); // the pointer read, the transaction
        Assert.Equal(200, next.Status);
        Assert.Equal(1, nextTrips); // the transaction alone
    }

    [Fact]
    public async Task A_pointer_moved_by_another_instance_is_read_again_and_revisions_stay_gapless()
    {
        await using var other = new TestApp(prefix: App.Prefix);
        await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody(crimes: 1)), "2024-03", "nghe-an");
        await other.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody(crimes: 2)), "2024-03", "nghe-an");

        var third = await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody(crimes: 3)), "2024-03", "nghe-an");
        var stale = await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody(crimes: 4)).With("If-Match", third.ETag!), "2024-03", "nghe-an");
        await other.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody(crimes: 5)), "2024-03", "nghe-an");
        var afterOther = await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody(crimes: 6)).With("If-Match", stale.ETag!), "2024-03", "nghe-an");

        Assert.Equal(3, third.Json.GetProperty("revision").GetInt32());
        Assert.Equal(4, stale.Json.GetProperty("revision").GetInt32());
        Assert.Equal(412, afterOther.Status); // If-Match is checked against storage, not the cache
        var revisions = (await App.GetRevisions(Reporter, "2024-03", "nghe-an")).Json.GetProperty("revisions").EnumerateArray()
            .Select(r => (r.GetProperty("revision").GetInt32(), r.GetProperty("values").GetProperty("crime-reduction").GetDouble()));
        Assert.Equal([(1, 1.0), (2, 2.0), (3, 3.0), (4, 4.0), (5, 5.0)], revisions);

        // Prevent the other instance's disposal from deleting the shared tables twice.
        other.KeepTables = true;
    }

    [Fact]
    public async Task A_standings_computation_reads_at_most_three_times_and_writes_one_transaction_per_100_rows()
    {
        App.Time.SetUtcNow(new DateTimeOffset(2024, 4, 10, 0, 0, 0, TimeSpan.Zero));
        await App.PutReport(TestRequest.PutJson(Principals.Admin, Calls.ReportBody(receivedAt: "2024-04-03T09:00:00+07:00")), "2024-03", "nghe-an");
        await App.Get<StandingsService>().ComputeAsync(TestApp.CompactId, new Period(2024, 2), "timer", false, default); // warms the caches

        App.TableRoundTrips.Reset();
        var batches = App.AzureRules.Batches.Count;
        await App.Get<StandingsService>().ComputeAsync(TestApp.CompactId, new Period(2024, 3), "timer", false, default);

        Assert.Equal(1, App.AzureRules.Batches.Count - batches); // 5 rows: one transaction with header and pointer
        Assert.Equal(3, App.TableRoundTrips.Count); // latest pointer, the months' report pointers, the transaction
    }
}
