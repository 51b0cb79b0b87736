namespace Compacts.Functions.Tests;

public sealed class ReportSubmissionTests : SeededAppTests
{
    private static readonly string Reporter = Principals.ReporterOf("nghe-an");

    [Fact]
    public async Task The_first_submission_is_revision_1_and_each_resubmission_a_new_revision()
    {
        var first = await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody(crimes: 1200)), "2024-03", "nghe-an");
        var second = await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody(crimes: 1180)), "2024-03", "nghe-an");

        Assert.Equal(201, first.Status);
        Assert.Equal(1, first.Json.GetProperty("revision").GetInt32());
        Assert.Equal(200, second.Status);
        Assert.Equal(2, second.Json.GetProperty("revision").GetInt32());
        Assert.Equal(Principals.ReporterId("nghe-an"), second.Json.GetProperty("submittedBy").GetString());
        Assert.NotNull(second.ETag);

        var current = await App.GetReport(Reporter, "2024-03", "nghe-an");
        Assert.Equal(200, current.Status);
        Assert.Equal(2, current.Json.GetProperty("revision").GetInt32());
        Assert.Equal(1180, current.Json.GetProperty("values").GetProperty("crime-reduction").GetDouble());
        Assert.Equal(second.ETag, current.ETag);

        var revisions = await App.GetRevisions(Reporter, "2024-03", "nghe-an");
        var list = revisions.Json.GetProperty("revisions").EnumerateArray().ToList();
        Assert.Equal([1, 2], list.Select(r => r.GetProperty("revision").GetInt32()));
        Assert.Equal(1200, list[0].GetProperty("values").GetProperty("crime-reduction").GetDouble());
    }

    [Fact]
    public async Task The_response_carries_the_stored_revision_as_the_contract_names_it()
    {
        var response = await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody(note: "Ghi chú tiếng Việt")), "2024-03", "nghe-an");

        var json = response.Json;
        foreach (var field in new[] { "revision", "receivedAt", "late", "values", "note", "submittedBy" })
        {
            Assert.True(json.TryGetProperty(field, out _), field);
        }

        Assert.Equal("Ghi chú tiếng Việt", json.GetProperty("note").GetString());
        Assert.Equal("2024-04-03T02:00:00Z", json.GetProperty("receivedAt").GetString());
        Assert.StartsWith("application/json", response.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Urlencoded_form_fields_are_accepted_as_a_report()
    {
        var form = "propaganda-sessions=4&emulation-plan=on&ministry-targets=on&no-surprise=true&crime-reduction=1180.5"
            + "&project06=150000&drug-cases=170&charity-houses=2&cluster-coordination=on&bonus=&note=G%E1%BB%ADi+t%E1%BB%AB+form";
        var response = await App.PutReport(
            TestRequest.Put(Reporter, Encoding.UTF8.GetBytes(form), "application/x-www-form-urlencoded"), "2024-03", "nghe-an");

        Assert.Equal(201, response.Status);
        var values = response.Json.GetProperty("values");
        Assert.Equal(1180.5, values.GetProperty("crime-reduction").GetDouble());
        Assert.True(values.GetProperty("emulation-plan").GetBoolean());
        Assert.False(values.TryGetProperty("bonus", out _));
        Assert.Equal("Gửi từ form", response.Json.GetProperty("note").GetString());
    }

    [Fact]
    public async Task Multipart_form_fields_are_accepted_and_an_unticked_checkbox_is_false()
    {
        var body = Multipart("XyZ", new()
        {
            ["propaganda-sessions"] = "4",
            ["emulation-plan"] = "on",
            ["no-surprise"] = "on",
            ["crime-reduction"] = "1180",
            ["project06"] = "150000",
            ["drug-cases"] = "170",
            ["charity-houses"] = "2",
            ["cluster-coordination"] = "on",
            ["bonus"] = "1.5",
            ["note"] = "Đã gửi",
        });
        var response = await App.PutReport(TestRequest.Put(Reporter, body, "multipart/form-data; boundary=XyZ"), "2024-03", "nghe-an");

        Assert.Equal(201, response.Status);
        Assert.False(response.Json.GetProperty("values").GetProperty("ministry-targets").GetBoolean());
        Assert.Equal(1.5, response.Json.GetProperty("values").GetProperty("bonus").GetDouble());
    }

    public static TheoryData<string, string, string, int> BadBodies => new()
    {
        { "broken JSON", "application/json", "{\"values\": {", 400 },
        { "a JSON array", "application/json", "[1,2]", 400 },
        { "no values", "application/json", "{\"note\":\"x\"}", 400 },
        { "an unknown field", "application/json", "{\"values\":{},\"score\":100}", 400 },
        { "a string for a number", "application/json", "{\"values\":{\"crime-reduction\":\"1180\"}}", 400 },
        { "a huge number", "application/json", "{\"values\":{\"crime-reduction\":1e400}}", 400 },
        { "a negative count", "application/json", "{\"values\":{\"charity-houses\":-1}}", 400 },
        { "a duplicated field", "application/json", "{\"values\":{},\"values\":{}}", 400 },
        { "receivedAt without an offset", "application/json", "{\"values\":{},\"receivedAt\":\"2024-04-03T09:00:00\"}", 400 },
        { "an empty body", "application/json", "", 400 },
        { "plain text", "text/plain", "crime-reduction=1", 415 },
        { "XML", "application/xml", "<values/>", 415 },
        { "Latin-1 JSON", "application/json; charset=iso-8859-1", "{}", 415 },
        { "truncated multipart", "multipart/form-data; boundary=XyZ", "--XyZ\r\nContent-Disposition: form-data; name=\"crime-reduction\"\r\n\r\n118", 400 },
        { "multipart without a boundary", "multipart/form-data", "--XyZ--", 400 },
        { "a repeated form field", "application/x-www-form-urlencoded", "crime-reduction=1&crime-reduction=2", 400 },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_malformed_body_is_answered_4xx_with_problem_details_and_nothing_is_stored(string because, string contentType, string body, int status)
    {
        var before = await App.DumpAsync();

        var response = await App.PutReport(TestRequest.Put(Reporter, Encoding.UTF8.GetBytes(body), contentType), "2024-03", "nghe-an");

        Expect.Equal(status, response.Status, $"{because}: {response}");
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal(status, response.Json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(response.Json.GetProperty("detail").GetString()));
        Assert.Equal(before, await App.DumpAsync());
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_and_nothing_is_stored()
    {
        var before = await App.DumpAsync();
        var huge = Encoding.UTF8.GetBytes($"{{\"values\":{{}},\"note\":\"{new string('a', 70_000)}\"}}");

        var response = await App.PutReport(TestRequest.Put(Reporter, huge, "application/json"), "2024-03", "nghe-an");

        Assert.Equal(413, response.Status);
        Assert.Equal(before, await App.DumpAsync());
    }

    [Fact]
    public async Task A_validation_failure_names_every_bad_field_and_stores_nothing()
    {
        var before = await App.DumpAsync();
        var body = "{\"values\":{\"crime-reduction\":-5,\"ministry-targets\":\"yes\",\"arrests\":3,\"bonus\":9},\"note\":null}";

        var response = await App.PutReport(TestRequest.PutJson(Reporter, body), "2024-03", "nghe-an");

        Assert.Equal(400, response.Status);
        Assert.Superset(
            new HashSet<string> { "values.crime-reduction", "values.ministry-targets", "values.arrests", "values.bonus", "values.project06" },
            response.ErrorFields.ToHashSet());
        Assert.Equal(before, await App.DumpAsync());
    }

    [Theory]
    [InlineData("2023-12", 400)]
    [InlineData("2025-01", 400)]
    [InlineData("2024-13", 400)]
    [InlineData("2024-3", 400)]
    [InlineData("2024-05", 400)] // not begun yet on 3 April 2024
    public async Task A_period_outside_the_compacts_year_or_not_yet_begun_is_refused(string period, int status)
    {
        var response = await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody()), period, "nghe-an");

        Assert.Equal(status, response.Status);
        Assert.Contains("period", response.ErrorFields);
    }

    [Fact]
    public async Task Unknown_compacts_and_units_outside_the_compact_are_404_and_bad_ids_400()
    {
        Assert.Equal(404, (await App.PutReport(TestRequest.PutJson(Principals.Admin, Calls.ReportBody()), "2024-03", "nghe-an", "cum7-2024")).Status);
        Assert.Equal(404, (await App.PutReport(TestRequest.PutJson(Principals.Admin, Calls.ReportBody()), "2024-03", "da-nang")).Status);
        Assert.Equal(400, (await App.PutReport(TestRequest.PutJson(Principals.Admin, Calls.ReportBody()), "2024-03", "../nghe-an")).Status);
        Assert.Equal(400, (await App.PutReport(TestRequest.PutJson(Principals.Admin, Calls.ReportBody()), "2024-03", "nghe%2Fan")).Status);
        Assert.Equal(404, (await App.GetReport(Reporter, "2024-02", "nghe-an")).Status);
    }

    [Fact]
    public async Task The_period_listing_shows_each_members_current_revision_and_who_is_missing()
    {
        await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody(crimes: 1)), "2024-03", "nghe-an");
        await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody(crimes: 2)), "2024-03", "nghe-an");
        await App.PutReport(TestRequest.PutJson(Principals.ReporterOf("thanh-hoa"), Calls.ReportBody()), "2024-03", "thanh-hoa");

        var response = await App.GetPeriod(Principals.Admin, "2024-03");

        Assert.Equal(200, response.Status);
        var reports = response.Json.GetProperty("reports").EnumerateArray().ToList();
        Assert.Equal(["thanh-hoa", "nghe-an"], reports.Select(r => r.GetProperty("unitId").GetString()));
        Assert.Equal(2, reports[1].GetProperty("revision").GetInt32());
        Assert.Equal(["ninh-binh", "ha-tinh", "quang-binh"], response.Json.GetProperty("missing").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal("2024-04-05T10:00:00Z", response.Json.GetProperty("dueAt").GetString());
    }

    [Fact]
    public async Task Every_write_is_one_entity_group_transaction_that_Azure_would_accept()
    {
        var key = TestRequest.PutJson(Reporter, Calls.ReportBody()).With("Idempotency-Key", "k-1");
        await App.PutReport(key, "2024-03", "nghe-an");
        await App.PutReport(TestRequest.PutJson(Reporter, Calls.ReportBody()), "2024-03", "nghe-an");

        var batches = App.AzureRules.Batches;
        Assert.Equal(2, batches.Count);
        Assert.Empty(App.AzureRules.BatchViolations);
        Assert.Equal(4, batches[0].Operations); // revision + pointer + history event + idempotency record
        Assert.Equal(3, batches[1].Operations); // revision + pointer + history event
        Assert.All(batches, b => Assert.Equal(["cum6-2024_2024-03"], b.PartitionKeys));
    }

    internal static byte[] Multipart(string boundary, Dictionary<string, string> fields)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        }

        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"--{boundary}--\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
