namespace Compacts.Functions.Tests;

public sealed class ReportConsistencyTests : SeededAppTests
{
    private static readonly string Reporter = Principals.ReporterOf("ha-tinh");

    [Fact]
    public async Task Fifty_concurrent_submissions_are_all_stored_as_distinct_gapless_revisions()
    {
        var responses = await Task.WhenAll(Enumerable.Range(1, 50).Select(i =>
            App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody(crimes: i)), "2024-03", "ha-tinh")));

        Assert.All(responses, r => Assert.True(r.Status is 200 or 201, r.ToString()));
        Assert.Single(responses, r => r.Status == 201);
        Assert.Equal(Enumerable.Range(1, 50), responses.Select(r => r.Json.GetProperty("revision").GetInt32()).Order());

        var revisions = (await App.GetRevisions(Reporter, "2024-03", "ha-tinh")).Json.GetProperty("revisions").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 50), revisions.Select(r => r.GetProperty("revision").GetInt32()));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (double)i),
            revisions.Select(r => r.GetProperty("values").GetProperty("crime-reduction").GetDouble()).Order());

        // Each response's values are exactly what its revision stored: no submission overwrote another.
        foreach (var response in responses)
        {
            var stored = revisions[response.Json.GetProperty("revision").GetInt32() - 1];
            Assert.Equal(response.Json.GetProperty("values").GetProperty("crime-reduction").GetDouble(),
                stored.GetProperty("values").GetProperty("crime-reduction").GetDouble());
        }

        Assert.Empty(App.AzureRules.BatchViolations);
    }

    [Fact]
    public async Task A_repeated_idempotency_key_with_the_same_body_replays_the_original_response_and_stores_nothing()
    {
        var request = TestRequest.PutJson(Reporter, Calls.ReportBody()).With("Idempotency-Key", "7d1f4c2e-report-march");
        var first = await App.PutReport(request, "2024-03", "ha-tinh");
        var before = await App.DumpAsync();

        var again = await App.PutReport(request, "2024-03", "ha-tinh");

        Assert.Equal(201, first.Status);
        Assert.Equal(first.Status, again.Status);
        Assert.Equal(first.Body, again.Body);
        Assert.Equal(first.ETag, again.ETag);
        Assert.Equal(before, await App.DumpAsync());
    }

    [Fact]
    public async Task Concurrent_repeats_of_one_idempotency_key_store_a_single_revision()
    {
        var request = TestRequest.PutJson(Reporter, Calls.ReportBody()).With("Idempotency-Key", "same-key");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => App.PutReport(request, "2024-03", "ha-tinh")));

        Assert.All(responses, r => Assert.Equal(201, r.Status));
        Assert.Single(responses.Select(r => r.Body).Distinct());
        var revisions = (await App.GetRevisions(Reporter, "2024-03", "ha-tinh")).Json.GetProperty("revisions");
        Assert.Equal(1, revisions.GetArrayLength());
    }

    [Fact]
    public async Task An_idempotency_key_reused_with_another_body_is_refused_and_stores_nothing()
    {
        await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody(crimes: 1)).With("Idempotency-Key", "k"), "2024-03", "ha-tinh");
        var before = await App.DumpAsync();

        var response = await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody(crimes: 2)).With("Idempotency-Key", "k"), "2024-03", "ha-tinh");

        Assert.Equal(422, response.Status);
        Assert.Equal(before, await App.DumpAsync());
    }

    [Fact]
    public async Task If_Match_with_a_stale_ETag_is_412_and_stores_nothing()
    {
        var first = await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody(crimes: 1)), "2024-03", "ha-tinh");
        var second = await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody(crimes: 2)).With("If-Match", first.ETag!), "2024-03", "ha-tinh");
        var before = await App.DumpAsync();

        var stale = await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody(crimes: 3)).With("If-Match", first.ETag!), "2024-03", "ha-tinh");

        Assert.Equal(200, second.Status);
        Assert.Equal(412, stale.Status);
        Assert.StartsWith("application/problem+json", stale.ContentType, StringComparison.Ordinal);
        Assert.Equal(before, await App.DumpAsync());
    }

    [Fact]
    public async Task If_Match_on_a_report_that_does_not_exist_yet_is_412()
    {
        var response = await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody()).With("If-Match", "W/\"datetime'2024-01-01T00%3A00%3A00Z'\""), "2024-03", "ha-tinh");

        Assert.Equal(412, response.Status);
        Assert.Equal(404, (await App.GetReport(Reporter, "2024-03", "ha-tinh")).Status);
    }
}

public sealed class LateReportTests() : SeededAppTests(Due.AddDays(-1))
{
    // due(2024-03) = 5 April 2024 17:00 in Asia/Ho_Chi_Minh = 10:00 UTC.
    private static readonly DateTimeOffset Due = new(2024, 4, 5, 10, 0, 0, TimeSpan.Zero);
    private static readonly string Reporter = Principals.ReporterOf("quang-binh");

    [Fact]
    public async Task A_report_received_exactly_at_the_due_instant_is_on_time()
    {
        App.Time.SetUtcNow(Due);

        var response = await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody()), "2024-03", "quang-binh");

        Assert.False(response.Json.GetProperty("late").GetBoolean());
        Assert.Equal("2024-04-05T10:00:00Z", response.Json.GetProperty("receivedAt").GetString());
    }

    [Fact]
    public async Task A_report_received_one_second_after_the_due_instant_is_late()
    {
        App.Time.SetUtcNow(Due.AddSeconds(1));

        var response = await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody()), "2024-03", "quang-binh");

        Assert.True(response.Json.GetProperty("late").GetBoolean());
    }

    [Fact]
    public async Task A_late_correction_of_an_on_time_report_leaves_the_month_on_time()
    {
        App.Time.SetUtcNow(Due.AddHours(-2));
        await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody(crimes: 1)), "2024-03", "quang-binh");
        App.Time.SetUtcNow(Due.AddDays(3));

        var correction = await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody(crimes: 2)), "2024-03", "quang-binh");

        Assert.Equal(2, correction.Json.GetProperty("revision").GetInt32());
        Assert.False(correction.Json.GetProperty("late").GetBoolean());
        Assert.Equal("2024-04-08T10:00:00Z", correction.Json.GetProperty("receivedAt").GetString());
    }

    [Fact]
    public async Task An_admin_import_is_stamped_with_its_paper_receipt_time_and_judged_by_it()
    {
        App.Time.SetUtcNow(Due.AddDays(20));

        var onTime = await App.PutReport(TestRequest.PutJson(Principals.Admin, Calls.ReportBody(receivedAt: "2024-04-05T17:00:00+07:00")), "2024-03", "quang-binh");
        var late = await App.PutReport(TestRequest.PutJson(Principals.Admin, Calls.ReportBody(receivedAt: "2024-04-05T17:00:01+07:00")), "2024-03", "ha-tinh");

        Assert.Equal("2024-04-05T10:00:00Z", onTime.Json.GetProperty("receivedAt").GetString());
        Assert.False(onTime.Json.GetProperty("late").GetBoolean());
        Assert.True(late.Json.GetProperty("late").GetBoolean());
        Assert.Equal(Principals.AdminUser, late.Json.GetProperty("submittedBy").GetString());
    }

    [Fact]
    public async Task An_imported_receipt_time_in_the_future_or_before_the_month_began_is_refused()
    {
        var future = await App.PutReport(TestRequest.PutJson(Principals.Admin, Calls.ReportBody(receivedAt: "2024-05-01T00:00:00+07:00")), "2024-03", "quang-binh");
        var early = await App.PutReport(TestRequest.PutJson(Principals.Admin, Calls.ReportBody(receivedAt: "2024-02-29T23:59:00+07:00")), "2024-03", "quang-binh");

        Assert.Equal(400, future.Status);
        Assert.Equal(400, early.Status);
        Assert.Contains("receivedAt", early.ErrorFields);
    }

    [Fact]
    public async Task The_December_report_is_late_only_after_5_January_17_00_of_the_next_year()
    {
        App.Time.SetUtcNow(new DateTimeOffset(2025, 1, 5, 10, 0, 0, TimeSpan.Zero));
        var onTime = await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody()), "2024-12", "quang-binh");
        App.Time.SetUtcNow(new DateTimeOffset(2025, 1, 5, 10, 0, 1, TimeSpan.Zero));
        var late = await App.PutReport(TestRequest.PutJson(Principals.ReporterOf("ha-tinh"), Calls.ReportBody()), "2024-12", "ha-tinh");

        Assert.False(onTime.Json.GetProperty("late").GetBoolean());
        Assert.True(late.Json.GetProperty("late").GetBoolean());
    }
}
