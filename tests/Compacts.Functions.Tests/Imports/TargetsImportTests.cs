namespace Compacts.Functions.Tests.Imports;

/// <summary>
/// <c>GET …/targets?format=xlsx</c> and <c>PUT …/targets</c>: the targets and baselines as a workbook a person edits (here
/// openpyxl, as a spreadsheet program would) and uploads with the compact's ETag; the download-edit-upload round trip of both
/// templates.
/// </summary>
public sealed class TargetsImportTests : SeededAppTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("imports-").FullName;

    private const string EditTargets = """
        import sys, openpyxl
        book = openpyxl.load_workbook(sys.argv[1])
        sheet = book.worksheets[0]
        header = next(r for r in range(1, 30) if sheet.cell(r, 1).value == "criterionId")
        columns = {sheet.cell(header, c).value: c for c in range(1, sheet.max_column + 1)}
        for r in range(header + 1, sheet.max_row + 1):
            criterion, unit = sheet.cell(r, columns["criterionId"]).value, sheet.cell(r, columns["unitId"]).value
            if (criterion, unit) == ("crime-reduction", "nghe-an"):
                sheet.cell(r, columns["target"]).value = 7.5
                sheet.cell(r, columns["baseline"]).value = "3200"
            if (criterion, unit) == ("drug-cases", "quang-binh"):
                sheet.cell(r, columns["target"]).value = None
                sheet.cell(r, columns["baseline"]).value = None
            if (criterion, unit) == ("project06", "ha-tinh"):
                sheet.cell(r, columns["target"]).value = "=400000+50000"
        book.save(sys.argv[2])
        """;

    private async Task<TestResponse> TemplateAsync() =>
        await App.GetTargets(TestRequest.Get(Principals.Admin).With("Accept", ImportCalls.Xlsx));

    private static decimal? Target(JsonElement targets, string criterion, string unit, string field = "target") =>
        targets.GetProperty("targets").EnumerateArray()
            .Where(t => t.GetProperty("criterionId").GetString() == criterion && t.GetProperty("unitId").GetString() == unit)
            .Select(t => t.GetProperty(field).ValueKind == JsonValueKind.Number ? t.GetProperty(field).GetDecimal() : (decimal?)null)
            .FirstOrDefault();

    [Fact]
    public async Task The_targets_template_edited_in_a_spreadsheet_program_updates_the_targets()
    {
        var template = await TemplateAsync();
        Assert.Equal(200, template.Status);
        Assert.Equal(ImportCalls.Xlsx, template.ContentType);
        var original = Path.Combine(_folder, "targets.xlsx");
        var edited = Path.Combine(_folder, "targets-edited.xlsx");
        await File.WriteAllBytesAsync(original, template.Bytes);
        await OfficeReaders.RunPythonAsync(EditTargets, original, edited);

        // openpyxl keeps no cached value for the formula it was given: the formula cell is refused with a reason.
        var refused = await App.PutTargets(ImportCalls.Upload("PUT", await File.ReadAllBytesAsync(edited)).With("If-Match", template.ETag!));
        Assert.Equal(400, refused.Status);
        var formula = Assert.Single(refused.Json.GetProperty("cells").EnumerateArray());
        Assert.Contains("formula", formula.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("formula-without-result", formula.GetProperty("code").GetString());

        await OfficeReaders.RunPythonAsync(EditTargets.Replace("\"=400000+50000\"", "450000", StringComparison.Ordinal), original, edited);
        var response = await App.PutTargets(ImportCalls.Upload("PUT", await File.ReadAllBytesAsync(edited)).With("If-Match", template.ETag!));

        Assert.True(response.Status == 200, response.ToString());
        Assert.NotEqual(template.ETag, response.ETag);
        var targets = (await App.GetTargets(TestRequest.Get(Principals.Admin))).Json;
        Assert.Equal(7.5m, Target(targets, "crime-reduction", "nghe-an"));
        Assert.Equal(3200m, Target(targets, "crime-reduction", "nghe-an", "baseline"));
        Assert.Equal(450000m, Target(targets, "project06", "ha-tinh"));
        Assert.Null(Target(targets, "drug-cases", "quang-binh"));
        Assert.Equal(5m, Target(targets, "crime-reduction", "thanh-hoa")); // untouched rows keep their values
    }

    [Fact]
    public async Task Without_If_Match_it_is_428_and_with_a_stale_one_412_and_nothing_changes()
    {
        var template = await TemplateAsync();
        var before = await App.DumpAsync();

        Assert.Equal(428, (await App.PutTargets(ImportCalls.Upload("PUT", template.Bytes))).Status);
        Assert.Equal(412, (await App.PutTargets(ImportCalls.Upload("PUT", template.Bytes).With("If-Match", "\"W/stale\""))).Status);
        Assert.Equal(before, await App.DumpAsync());
        Assert.Equal(200, (await App.PutTargets(ImportCalls.Upload("PUT", template.Bytes).With("If-Match", template.ETag!))).Status);
    }

    [Fact]
    public async Task Every_bad_target_cell_is_listed_and_nothing_changes()
    {
        var template = await TemplateAsync();
        var book = new TestWorkbook("Chỉ tiêu").Texts(8, "criterionId", "Tiêu chí", "unitId", "Đơn vị", "Cách đo", "target", "baseline")
            .Row(9, ("A", TestWorkbook.Inline("project06")), ("C", TestWorkbook.Inline("nghe-an")), ("F", TestWorkbook.Number("100")), ("G", TestWorkbook.Number("5")))
            .Row(10, ("A", TestWorkbook.Inline("crime-reduction")), ("C", TestWorkbook.Inline("ha-tinh")), ("F", TestWorkbook.Number("-1")))
            .Row(11, ("A", TestWorkbook.Inline("drug-cases")), ("C", TestWorkbook.Inline("da-nang")), ("F", TestWorkbook.Number("1")))
            .Row(12, ("A", TestWorkbook.Inline("emulation-plan")), ("C", TestWorkbook.Inline("nghe-an")), ("F", TestWorkbook.Number("1")))
            .Row(13, ("A", TestWorkbook.Inline("drug-cases")), ("C", TestWorkbook.Inline("ha-tinh")), ("F", TestWorkbook.Inline("nhiều")))
            .Row(14, ("A", TestWorkbook.Inline("drug-cases")), ("C", TestWorkbook.Inline("nghe-an")), ("F", TestWorkbook.Number("1.12345678")));
        var before = await App.DumpAsync();

        var response = await App.PutTargets(ImportCalls.Upload("PUT", book.Build()).With("If-Match", template.ETag!));

        Assert.Equal(400, response.Status);
        Assert.Equal(
            ["Chỉ tiêu!G9", "Chỉ tiêu!F10", "Chỉ tiêu!G10", "Chỉ tiêu!C11", "Chỉ tiêu!A12", "Chỉ tiêu!F13", "Chỉ tiêu!F14"],
            response.Json.GetProperty("cells").EnumerateArray().Select(c => $"{c.GetProperty("sheet").GetString()}!{c.GetProperty("column").GetString()}{c.GetProperty("row").GetInt32()}"));
        Assert.Equal(
            ["baseline-not-applicable", "invalid-value", "baseline-required", "not-member", "unknown-criterion", "invalid-value", "invalid-value"],
            response.Json.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("code").GetString()));
        Assert.Equal(before, await App.DumpAsync());
    }

    [Fact]
    public async Task The_report_template_filled_in_a_spreadsheet_program_imports_every_report()
    {
        var template = await App.GetImportTemplate(Principals.Admin, "2024-03");
        Assert.Equal(200, template.Status);
        var original = Path.Combine(_folder, "reports.xlsx");
        var filled = Path.Combine(_folder, "reports-filled.xlsx");
        await File.WriteAllBytesAsync(original, template.Bytes);
        await OfficeReaders.RunPythonAsync("""
            import sys, datetime, openpyxl
            book = openpyxl.load_workbook(sys.argv[1])
            sheet = book.worksheets[0]
            header = next(r for r in range(1, 30) if sheet.cell(r, 1).value == "unitId")
            columns = {sheet.cell(header, c).value: c for c in range(1, sheet.max_column + 1)}
            values = {"propaganda-sessions": 3, "emulation-plan": True, "ministry-targets": True, "no-surprise": False, "crime-reduction": 1180.1,
                      "project06": 150000, "drug-cases": 170, "charity-houses": 2, "cluster-coordination": True}
            for r in range(header + 1, sheet.max_row + 1):
                if sheet.cell(r, 1).value:
                    for key, value in values.items():
                        sheet.cell(r, columns[key]).value = value
                    sheet.cell(r, columns["note"]).value = "Bản giấy nhận ngày 2/4"
                    sheet.cell(r, columns["receivedAt"]).value = datetime.datetime(2024, 4, 2, 9, 15)
            book.save(sys.argv[2])
            """, original, filled);

        var response = await App.ImportReports(await File.ReadAllBytesAsync(filled), "2024-03");

        Assert.True(response.Status == 200, response.ToString());
        Assert.Equal(5, response.Json.GetProperty("imported").GetInt32());
        var report = (await App.GetReport(Principals.Admin, "2024-03", "quang-binh")).Json;
        Assert.Equal(1180.1m, report.GetProperty("values").GetProperty("crime-reduction").GetDecimal());
        Assert.Equal("2024-04-02T02:15:00Z", report.GetProperty("receivedAt").GetString());
    }
}
