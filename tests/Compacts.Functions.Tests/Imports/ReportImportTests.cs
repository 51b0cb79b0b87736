namespace Compacts.Functions.Tests.Imports;

/// <summary>
/// <c>POST …/reports/{period}/import</c>: a month's paper reports from a workbook, every row a new revision as its PUT would make,
/// all or nothing; the cells read as a person sees them; every bad cell listed.
/// </summary>
public sealed class ReportImportTests : SeededAppTests
{
    [Fact]
    public async Task A_good_workbook_stores_a_revision_per_unit_as_a_PUT_would()
    {
        var response = await App.ImportReports(ImportCalls.Reports("2024-03-10 08:30").Build(), "2024-02");

        Assert.True(response.Status == 200, response.ToString());
        Assert.Equal(5, response.Json.GetProperty("imported").GetInt32());
        var report = (await App.GetReport(Principals.Admin, "2024-02", "nghe-an")).Json;
        Assert.Equal(1, report.GetProperty("revision").GetInt32());
        Assert.Equal("2024-03-10T01:30:00Z", report.GetProperty("receivedAt").GetString()); // 08:30 in Hà Nội
        Assert.True(report.GetProperty("late").GetBoolean()); // due 5 March 17:00
        Assert.Equal("submitted", report.GetProperty("review").GetProperty("state").GetString());
        Assert.Equal("Báo cáo giấy", report.GetProperty("note").GetString());
        Assert.Equal(Principals.AdminUser, report.GetProperty("submittedBy").GetString());
        var history = (await App.GetHistory(Principals.Admin, "nghe-an", "2024-02")).Json.GetProperty("events");
        Assert.Equal("submitted", Assert.Single(history.EnumerateArray()).GetProperty("event").GetString());
    }

    [Fact]
    public async Task A_second_import_is_the_next_revision_of_each_report()
    {
        Assert.Equal(201, (await App.PutReport(TestRequest.PutJson(Principals.ReporterOf("ha-tinh"), Calls.ReportBody()), "2024-03", "ha-tinh")).Status);

        var imported = await App.ImportReports(ImportCalls.Reports("2024-04-03 09:00", "ha-tinh", "nghe-an").Build(), "2024-03");
        Assert.True(imported.Status == 200, imported.ToString());

        Assert.Equal(2, (await App.GetReport(Principals.Admin, "2024-03", "ha-tinh")).Json.GetProperty("revision").GetInt32());
        Assert.Equal(1, (await App.GetReport(Principals.Admin, "2024-03", "nghe-an")).Json.GetProperty("revision").GetInt32());
        Assert.Equal(2, (await App.GetRevisions(Principals.Admin, "2024-03", "ha-tinh")).Json.GetProperty("revisions").GetArrayLength());
    }

    [Fact]
    public async Task Cells_are_read_as_the_person_sees_them()
    {
        var nfd = (string s) => s.Normalize(NormalizationForm.FormD);
        var book = new TestWorkbook(nfd("Báo cáo")).Texts(1, "BỘ CÔNG AN", null, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").Merge("A1:B1").Merge("C1:F1");
        book.Row(8, ("A", book.Shared(" unitId ")), ("B", TestWorkbook.Inline("propaganda-sessions")), ("C", TestWorkbook.Inline("emulation-plan")),
            ("D", TestWorkbook.Inline("ministry-targets")), ("E", TestWorkbook.Inline("no-surprise")), ("F", TestWorkbook.Inline("crime-reduction")),
            ("G", TestWorkbook.Inline("project06")), ("H", TestWorkbook.Inline("drug-cases")), ("I", TestWorkbook.Inline("charity-houses")),
            ("J", TestWorkbook.Inline("cluster-coordination")), ("K", TestWorkbook.Inline("note")), ("L", book.Shared("receivedAt")), ("M", TestWorkbook.Inline("bonus")));
        book.Row(9, ("A", book.Shared("nghe-an")), ("B", TestWorkbook.Formula("2+2", "4")), ("C", TestWorkbook.Inline("TRUE")), ("D", TestWorkbook.Boolean(true)),
            ("E", TestWorkbook.Formula("TRUE()", "1").Replace("><f>", " t=\"b\"><f>", StringComparison.Ordinal)),
            ("F", TestWorkbook.Number("1180.0999999999999")), ("G", TestWorkbook.Inline(" 150000.5 ")), ("H", book.Shared("170")),
            ("I", TestWorkbook.Formula("1+1", "2")), ("J", TestWorkbook.Boolean(false)), ("K", TestWorkbook.Inline(nfd("Đã nhận bản giấy, ký đóng dấu"))),
            ("L", TestWorkbook.Number("45384.5")), ("M", TestWorkbook.Number("0.29999999999999999")));
        book.Row(10).Row(11, ("A", TestWorkbook.Inline("   "))).Row(500);

        var response = await App.ImportReports(book.Build(), "2024-03");

        Assert.True(response.Status == 200, response.ToString());
        var report = (await App.GetReport(Principals.Admin, "2024-03", "nghe-an")).Json;
        var values = report.GetProperty("values");
        Assert.Equal(1180.1m, values.GetProperty("crime-reduction").GetDecimal());
        Assert.Equal(150000.5m, values.GetProperty("project06").GetDecimal());
        Assert.Equal(170m, values.GetProperty("drug-cases").GetDecimal());
        Assert.Equal(4m, values.GetProperty("propaganda-sessions").GetDecimal());
        Assert.Equal(2m, values.GetProperty("charity-houses").GetDecimal());
        Assert.Equal(0.3m, values.GetProperty("bonus").GetDecimal());
        Assert.True(values.GetProperty("no-surprise").GetBoolean());
        Assert.False(values.GetProperty("cluster-coordination").GetBoolean());
        Assert.Equal("Đã nhận bản giấy, ký đóng dấu".Normalize(NormalizationForm.FormC), report.GetProperty("note").GetString());
        Assert.Equal("2024-04-02T05:00:00Z", report.GetProperty("receivedAt").GetString()); // serial 45384.5 = 2 April 2024 12:00 in Hà Nội
    }

    [Fact]
    public async Task Every_bad_cell_is_listed_and_nothing_is_stored()
    {
        var book = ImportCalls.Header();
        book.Row(9, ("A", TestWorkbook.Inline("nghe-an")), ("B", TestWorkbook.Number("4.5")), ("C", TestWorkbook.Boolean(true)), ("D", TestWorkbook.Boolean(true)),
            ("E", TestWorkbook.Boolean(true)), ("F", TestWorkbook.Inline("nhiều")), ("G", TestWorkbook.Number("150000.1234567")), ("H", "t=\"e\"><v>#DIV/0!</v>"),
            ("I", TestWorkbook.Formula("A1*2", null)), ("J", TestWorkbook.Boolean(true)), ("L", TestWorkbook.Inline("2024-05-01 09:00")));
        book.Row(10, ("A", TestWorkbook.Inline("da-nang")), ("L", TestWorkbook.Inline("hôm qua")));
        book.Row(11, ("A", TestWorkbook.Inline("ha-tinh")), ("L", TestWorkbook.Inline("2024-04-02 09:00"))).Merge("B11:C11");
        var before = await App.DumpAsync();

        var response = await App.ImportReports(book.Build(), "2024-03");

        Assert.Equal(400, response.Status);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal("The workbook has cells that cannot be imported", response.Json.GetProperty("title").GetString());
        var cells = response.Json.GetProperty("cells").EnumerateArray()
            .Select(c => (c.GetProperty("sheet").GetString(), c.GetProperty("row").GetInt32(), c.GetProperty("column").GetString(), c.GetProperty("code").GetString()))
            .ToHashSet();
        foreach (var expected in new[]
        {
            (9, "B", "invalid-value"), (9, "F", "invalid-value"), (9, "G", "invalid-value"), (9, "H", "error-value"), (9, "I", "formula-without-result"),
            (9, "L", "invalid-time"), (10, "A", "not-member"), (11, "B", "merged"),
        })
        {
            Assert.True(cells.Contains(("Báo cáo", expected.Item1, expected.Item2, expected.Item3)), $"{expected}: {response.Body}");
        }

        Assert.True(cells.Count >= 8, response.Body);
        Assert.Contains("Báo cáo!F9", response.ErrorFields);
        Assert.Contains("merged", response.Json.GetProperty("errors").GetProperty("Báo cáo!B11")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await App.DumpAsync());
    }

    [Fact]
    public async Task Unknown_and_missing_columns_are_named_in_the_header_row()
    {
        var book = new TestWorkbook().Texts(1, "unitId", "crime-reductoin", "note").Texts(2, "nghe-an", "1", "x");

        var response = await App.ImportReports(book.Build(), "2024-03");

        Assert.Equal(400, response.Status);
        Assert.Contains("Báo cáo!B1", response.ErrorFields); // the misspelt criterion id
        Assert.Contains("Báo cáo!D1", response.ErrorFields); // no receivedAt column
    }

    [Fact]
    public async Task A_receivedAt_earlier_than_the_previous_revisions_is_refused_on_its_cell()
    {
        var earlier = Calls.ReportBody(receivedAt: "2024-04-02T10:00:00+07:00");
        Assert.Equal(201, (await App.PutReport(TestRequest.PutJson(Principals.Admin, earlier), "2024-03", "ha-tinh")).Status);
        var before = await App.DumpAsync();

        var response = await App.ImportReports(ImportCalls.Reports("2024-04-01 09:00", "nghe-an", "ha-tinh").Build(), "2024-03");

        Assert.Equal(400, response.Status);
        Assert.Equal(["Báo cáo!L10"], response.ErrorFields);
        Assert.Equal(before, await App.DumpAsync());
    }

    [Fact]
    public async Task Only_admins_import_and_download_the_template()
    {
        var reporter = Principals.ReporterOf("thanh-hoa");

        Assert.Equal(403, (await App.ImportReports(ImportCalls.Upload("POST", ImportCalls.Reports().Build(), reporter), "2024-03")).Status);
        Assert.Equal(403, (await App.GetImportTemplate(reporter, "2024-03")).Status);
        Assert.Equal(401, (await App.GetImportTemplate(null, "2024-03")).Status);
    }
}
