using Compacts.Functions.Office;

namespace Compacts.Functions.Tests.Office;

/// <summary>
/// A month's standings as an .xlsx (docs/documents.md): read back by readers other than the Open XML SDK that wrote it —
/// LibreOffice converts it to PDF, openpyxl reads its cells — equal to the API's JSON numbers.
/// </summary>
public sealed class StandingsWorkbookTests : IAsyncLifetime
{
    private readonly TestApp _app = new(new DateTimeOffset(2024, 7, 20, 2, 0, 0, TimeSpan.Zero)); // June is final
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "xlsx-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        await _app.SeedAsync(TestApp.DemoCompactDraftWithoutRequiredReview() with { Place = "Thanh Hóa" });
        await _app.ImportReportsAsync(6, late: [("nghe-an", 6)], missing: [("quang-binh", 6)]);
        Assert.Equal(201, (await _app.PostRun(Principals.Admin, "2024-06")).Status);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static string Column(string reference) => new([.. reference.TakeWhile(char.IsAsciiLetterUpper)]);

    private async Task<string> SaveAsync(TestResponse response, string name)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllBytesAsync(path, response.Bytes);
        return path;
    }

    [Fact]
    public async Task The_months_standings_as_xlsx_read_back_equal_to_the_json_with_the_official_heading_and_the_print_setup()
    {
        var json = (await _app.GetStandings(Principals.ReporterOf("nghe-an"), "2024-06")).Json;
        var response = await _app.GetStandings(TestRequest.Get(Principals.ReporterOf("nghe-an")).With("Accept", XlsxWriter.MediaType), "2024-06");

        Assert.Equal(200, response.Status);
        Assert.StartsWith(XlsxWriter.MediaType, response.ContentType, StringComparison.Ordinal);
        Assert.Contains("cum6-2024-2024-06-standings.xlsx", response.Headers.ContentDisposition.ToString(), StringComparison.Ordinal);
        var sheet = (await OfficeReaders.ReadXlsxAsync(await SaveAsync(response, "june.xlsx"))).GetProperty("Xếp hạng");
        var cells = sheet.GetProperty("cells");
        List<string?> Row(int n) => [.. cells.EnumerateObject().Where(c => c.Name[Column(c.Name).Length..] == $"{n}").Select(c => c.Value.ToString())];
        Assert.Equal(["BỘ CÔNG AN", OfficialHeading.Nation], Row(1)); // the authority on the left, the nation on the right
        Assert.Equal(["CỤM THI ĐUA SỐ 6", OfficialHeading.Motto], Row(2));
        Assert.Equal(["Thanh Hóa, ngày 20 tháng 7 năm 2024"], Row(3));
        var right = Column(cells.EnumerateObject().Single(c => c.Value.ToString() == OfficialHeading.Nation).Name);
        Assert.Contains($"{right}1:", string.Join(' ', sheet.GetProperty("merged").EnumerateArray().Select(m => m.GetString())), StringComparison.Ordinal);
        Assert.Equal("BẢNG XẾP HẠNG THI ĐUA THÁNG 6/2024", cells.GetProperty("A5").GetString());
        Assert.Equal(["Hạng", "Đơn vị", "Điểm (thang 100)"], new[] { "A8", "B8", "C8" }.Select(c => cells.GetProperty(c).GetString()));
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        foreach (var (row, i) in rows.Select((r, i) => (r, i + 9)))
        {
            Assert.Equal(row.GetProperty("unitName").GetString(), cells.GetProperty($"B{i}").GetString());
            if (row.GetProperty("notRanked").GetBoolean())
            {
                Assert.False(cells.TryGetProperty($"A{i}", out _));
                Assert.Equal("Không xếp hạng: chưa có báo cáo", cells.GetProperty($"L{i}").GetString());
                continue;
            }

            Assert.Equal(row.GetProperty("rank").GetInt32(), cells.GetProperty($"A{i}").GetInt32());
            Assert.Equal(row.GetProperty("score").GetDecimal(), cells.GetProperty($"C{i}").GetDecimal()); // a number, not text
            Assert.Equal(row.GetProperty("total").GetDecimal(), cells.GetProperty($"D{i}").GetDecimal());
            Assert.Equal("#,##0.00", sheet.GetProperty("formats").GetProperty($"C{i}").GetString());
        }

        Assert.Equal("A9", sheet.GetProperty("freeze").GetString());
        Assert.Equal("landscape", sheet.GetProperty("orientation").GetString());
        Assert.Equal("9", sheet.GetProperty("paperSize").ToString()); // A4
        Assert.Equal(1, sheet.GetProperty("fitToWidth").GetInt32());
        Assert.Equal("$8:$8", sheet.GetProperty("printTitleRows").GetString());
        Assert.Contains("A5:" , string.Join(' ', sheet.GetProperty("merged").EnumerateArray().Select(m => m.GetString())), StringComparison.Ordinal);
        var criteria = (await OfficeReaders.ReadXlsxAsync(Path.Combine(_folder, "june.xlsx"))).GetProperty("Điểm tiêu chí").GetProperty("cells");
        var title = TestApp.DemoCompactDraft().Contents!.SelectMany(c => c!.Criteria!).Single(c => c!.Id == "crime-reduction")!.Title;
        var column = Column(criteria.EnumerateObject().Single(c => c.Value.ToString() == title).Name);
        Assert.Equal(rows[0].GetProperty("criteria").GetProperty("crime-reduction").GetDecimal(), criteria.GetProperty($"{column}9").GetDecimal());
    }

    [Fact]
    public async Task LibreOffice_converts_the_months_workbook_to_pdf_without_error()
    {
        var response = await _app.GetStandings(TestRequest.Get(Principals.Admin).With("Accept", XlsxWriter.MediaType), "2024-06");
        var file = await SaveAsync(response, "standings-2024-06.xlsx");

        var (code, pdf, output) = await OfficeReaders.ConvertToPdfAsync(file);

        Assert.True(code == 0 && File.Exists(pdf) && new FileInfo(pdf).Length > 1000, $"LibreOffice exit {code}: {output}");
        ArtifactFiles.Keep(pdf); // for a person to look at (artifacts/documents)
    }

    [Fact]
    public async Task The_xlsx_format_can_be_asked_for_in_the_query_and_an_unknown_one_is_a_400_naming_the_three()
    {
        Task<TestResponse> Get(string query) => _app.SendAsync<StandingsFunctions>(TestRequest.Get(Principals.Admin), (f, req, ct) =>
        {
            req.QueryString = new Microsoft.AspNetCore.Http.QueryString(query);
            return f.GetStandings(req, TestApp.CompactId, "2024-06", ct);
        });

        var xlsx = await Get("?format=xlsx");
        var docx = await Get("?format=docx");

        Assert.StartsWith(XlsxWriter.MediaType, xlsx.ContentType, StringComparison.Ordinal);
        Assert.Equal("PK"u8.ToArray(), xlsx.Bytes[..2]); // a zip package
        Assert.Equal(400, docx.Status);
        Assert.Contains("xlsx", docx.Json.GetProperty("errors").GetProperty("format")[0].GetString(), StringComparison.Ordinal);
    }
}
