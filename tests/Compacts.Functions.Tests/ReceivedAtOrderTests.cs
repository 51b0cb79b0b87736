namespace Compacts.Functions.Tests;

/// <summary>SCORING.md: a revision's receivedAt may not be earlier than the previous revision's.</summary>
public sealed class ReceivedAtOrderTests : SeededAppTests
{
    private static TestRequest Import(string receivedAt, double crimes = 1180) =>
        TestRequest.PutJson(Principals.Admin, Calls.ReportBody(crimes: crimes, receivedAt: receivedAt));

    [Fact]
    public async Task An_import_received_before_the_previous_revision_is_refused_naming_receivedAt_and_nothing_is_stored()
    {
        Assert.Equal(201, (await App.PutReport(Import("2024-04-02T10:00:00+07:00"), "2024-03", "nghe-an")).Status);
        var before = await App.DumpAsync();

        var warm = await App.PutReport(Import("2024-04-01T10:00:00+07:00"), "2024-03", "nghe-an"); // this instance remembers the pointer
        await using var other = new TestApp(prefix: App.Prefix) { KeepTables = true }; // another instance reads it
        var cold = await other.PutReport(Import("2024-04-02T09:59:59+07:00"), "2024-03", "nghe-an");

        Assert.Equal(400, warm.Status);
        Assert.Equal(["receivedAt"], warm.ErrorFields);
        Assert.Equal(400, cold.Status);
        Assert.Equal(["receivedAt"], cold.ErrorFields);
        Assert.Equal(before, await App.DumpAsync());
    }

    [Fact]
    public async Task An_import_at_or_after_the_previous_revision_is_stored_and_a_warm_one_costs_one_round_trip()
    {
        Assert.Equal(201, (await App.PutReport(Import("2024-04-02T10:00:00+07:00"), "2024-03", "nghe-an")).Status);

        App.TableRoundTrips.Reset();
        var same = await App.PutReport(Import("2024-04-02T10:00:00+07:00", crimes: 1), "2024-03", "nghe-an");
        var trips = App.TableRoundTrips.Count;
        var later = await App.PutReport(Import("2024-04-02T11:00:00+07:00", crimes: 2), "2024-03", "nghe-an");

        Assert.Equal(200, same.Status);
        Assert.Equal(1, trips); // the transaction alone: the remembered pointer carries the previous receivedAt
        Assert.Equal(200, later.Status);
        Assert.Equal(3, later.Json.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task A_reporter_on_an_instance_whose_clock_runs_behind_is_stamped_no_earlier_than_the_previous_revision()
    {
        Assert.Equal(201, (await App.PutReport(Import("2024-04-03T08:59:00+07:00"), "2024-03", "nghe-an")).Status);
        await using var behind = new TestApp(App.Time.GetUtcNow().AddMinutes(-5), prefix: App.Prefix) { KeepTables = true };

        var stamped = await behind.PutReport(TestRequest.PutJson(Principals.ReporterOf("nghe-an"), Calls.ReportBody(crimes: 7)), "2024-03", "nghe-an");

        Assert.Equal(200, stamped.Status);
        Assert.Equal(new DateTimeOffset(2024, 4, 3, 1, 59, 0, TimeSpan.Zero), stamped.Json.GetProperty("receivedAt").GetDateTimeOffset());
    }
}
