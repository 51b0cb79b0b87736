using Compacts.Functions.Office;
using Compacts.Functions.Standings;

namespace Compacts.Functions.Tests.Office;

/// <summary>GET /year (docs/api.md, "The year"): December's run with each unit's twelve months, as JSON and as the year's workbook.</summary>
public sealed class YearTests : IAsyncLifetime
{
    private readonly TestApp _app = new(new DateTimeOffset(2025, 1, 20, 2, 0, 0, TimeSpan.Zero)); // December 2024 is final
    private readonly string _folder = Directory.CreateTempSubdirectory("year-").FullName;

    public async Task InitializeAsync() => await _app.SeedAsync(TestApp.DemoCompactDraftWithoutRequiredReview() with { Place = "Thanh Hóa" });

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private Task<TestResponse> GetYear(string principal, string? query = null) =>
        _app.SendAsync<StandingsFunctions>(TestRequest.Get(principal), (f, req, ct) =>
        {
            if (query is not null)
            {
                req.QueryString = new Microsoft.AspNetCore.Http.QueryString(query);
            }

            return f.GetYear(req, TestApp.CompactId, ct);
        });

    private async Task<List<JsonElement>> RunEveryMonthAsync()
    {
        await _app.ImportReportsAsync(12, late: [("nghe-an", 6)], missing: [("quang-binh", 6), ("ha-tinh", 11)]);
        var runs = new List<JsonElement>();
        for (var month = 1; month <= 12; month++)
        {
            var run = await _app.PostRun(Principals.Admin, $"2024-{month:D2}");
            Assert.Equal(201, run.Status);
            runs.Add(run.Json);
        }

        return runs;
    }

    [Fact]
    public async Task The_year_is_Decembers_run_with_each_units_twelve_monthly_scores_and_ranks_and_404_before_December_has_one()
    {
        var before = await GetYear(Principals.ReporterOf("nghe-an"));
        var runs = await RunEveryMonthAsync();

        var year = await GetYear(Principals.ReporterOf("nghe-an"));

        Assert.Equal(404, before.Status);
        Assert.Equal(200, year.Status);
        Assert.Equal("final", year.Json.GetProperty("status").GetString());
        Assert.Equal(runs[11].GetProperty("runId").GetString(), year.Json.GetProperty("runId").GetString());
        var december = runs[11].GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("unitId").GetString()).ToList();
        var rows = year.Json.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(december, rows.Select(r => r.GetProperty("unitId").GetString()));
        foreach (var row in rows)
        {
            var months = row.GetProperty("months").EnumerateArray().ToList();
            Assert.Equal(12, months.Count);
            for (var m = 0; m < 12; m++)
            {
                var monthRow = runs[m].GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("unitId").GetString() == row.GetProperty("unitId").GetString());
                if (monthRow.GetProperty("notRanked").GetBoolean())
                {
                    Assert.Equal(JsonValueKind.Null, months[m].ValueKind);
                    continue;
                }

                Assert.Equal(monthRow.GetProperty("score").GetDecimal(), months[m].GetProperty("score").GetDecimal());
                Assert.Equal(monthRow.GetProperty("rank").GetInt32(), months[m].GetProperty("rank").GetInt32());
            }
        }

        var quangBinh = rows.Single(r => r.GetProperty("unitId").GetString() == "quang-binh").GetProperty("months");
        Assert.Equal(JsonValueKind.Null, quangBinh[5].ValueKind); // no June report: not ranked in June
    }

    [Fact]
    public async Task The_years_workbook_has_the_standings_a_sheet_per_content_and_the_units_by_months_matrix_equal_to_the_json()
    {
        await RunEveryMonthAsync();
        var json = (await GetYear(Principals.Admin)).Json;

        var response = await GetYear(Principals.Admin, "?format=xlsx");

        Assert.Equal(200, response.Status);
        Assert.StartsWith(XlsxWriter.MediaType, response.ContentType, StringComparison.Ordinal);
        var path = Path.Combine(_folder, "tong-hop-2024.xlsx");
        await File.WriteAllBytesAsync(path, response.Bytes);
        var book = await OfficeReaders.ReadXlsxAsync(path);
        var contents = TestApp.DemoCompactDraft().Contents!.Select(c => c!.Id!).ToList();
        Assert.Equal(["Năm 2024", .. contents, "Theo tháng"], book.EnumerateObject().Select(s => s.Name));
        var year = book.GetProperty("Năm 2024").GetProperty("cells");
        Assert.Equal("BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM 2024", year.GetProperty("A5").GetString());
        var matrix = book.GetProperty("Theo tháng").GetProperty("cells");
        foreach (var (row, i) in json.GetProperty("rows").EnumerateArray().Select((r, i) => (r, i + 9)))
        {
            Assert.Equal(row.GetProperty("unitName").GetString(), matrix.GetProperty($"B{i}").GetString());
            var months = row.GetProperty("months").EnumerateArray().ToList();
            for (var m = 0; m < 12; m++)
            {
                var cell = XlsxWriter.Reference(m + 3, i);
                if (months[m].ValueKind == JsonValueKind.Null)
                {
                    Assert.False(matrix.TryGetProperty(cell, out _), cell);
                }
                else
                {
                    Assert.Equal(months[m].GetProperty("score").GetDecimal(), matrix.GetProperty(cell).GetDecimal());
                }
            }
        }

        var (code, pdf, output) = await OfficeReaders.ConvertToPdfAsync(path);
        Assert.True(code == 0 && File.Exists(pdf), $"LibreOffice exit {code}: {output}");
        ArtifactFiles.Keep(pdf);
    }

    [Fact]
    public async Task The_year_end_report_reads_back_with_the_years_table_and_the_ballots_result()
    {
        var before = await _app.SendAsync<Year.YearFunctions>(TestRequest.Get(Principals.Admin), (f, req, ct) => f.GetYearReport(req, TestApp.CompactId, ct));
        await RunEveryMonthAsync();
        var year = (await GetYear(Principals.Admin)).Json;
        Assert.Equal(201, (await _app.OpenBallot(Principals.Admin, BallotCalls.OpenBody(candidates: ["thanh-hoa", "ha-tinh"], closesAt: "2025-01-31T17:00:00+07:00"))).Status);
        foreach (var (unit, choice) in TestApp.Units.Zip(new[] { "ha-tinh", "ha-tinh", "ha-tinh", "thanh-hoa", "thanh-hoa" }))
        {
            Assert.Equal(204, (await _app.VoteFor(unit, choice)).Status);
        }

        var response = await _app.SendAsync<Year.YearFunctions>(TestRequest.Get(Principals.ReporterOf("nghe-an")), (f, req, ct) => f.GetYearReport(req, TestApp.CompactId, ct));

        Assert.Equal(404, before.Status);
        Assert.Equal(200, response.Status);
        Assert.StartsWith(DocxWriter.MediaType, response.ContentType, StringComparison.Ordinal);
        var path = Path.Combine(_folder, "bao-cao-tong-ket-2024.docx");
        await File.WriteAllBytesAsync(path, response.Bytes);
        var read = await OfficeReaders.ReadDocxAsync(path);
        var paragraphs = read.GetProperty("paragraphs").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Contains("BÁO CÁO TỔNG KẾT PHONG TRÀO THI ĐUA NĂM 2024", paragraphs);
        Assert.Contains("III. KẾT QUẢ BÌNH XÉT, SUY TÔN", paragraphs);
        Assert.Contains(paragraphs, p => p.StartsWith("Suy tôn đơn vị dẫn đầu Cụm thi đua số 6 năm 2024: 5/5 đơn vị bỏ phiếu; kết quả: Công an tỉnh ha-tinh", StringComparison.Ordinal));
        var table = read.GetProperty("tables")[1].EnumerateArray().Skip(1).ToList();
        Assert.Equal(
            year.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("unitName").GetString()),
            table.Select(r => r[1].GetString()!.Replace(" (không xếp hạng)", "", StringComparison.Ordinal)));

        var (code, pdf, output) = await OfficeReaders.ConvertToPdfAsync(path);
        Assert.True(code == 0 && File.Exists(pdf), $"LibreOffice exit {code}: {output}");
        ArtifactFiles.Keep(pdf);
    }

    [Fact]
    public async Task A_units_history_gives_its_December_rank_and_score_and_the_titles_it_won_to_its_own_users_only()
    {
        var runs = await RunEveryMonthAsync();
        Assert.Equal(201, (await _app.OpenBallot(Principals.Admin, BallotCalls.OpenBody(candidates: ["thanh-hoa", "ha-tinh"], closesAt: "2025-01-31T17:00:00+07:00"))).Status);
        foreach (var (unit, choice) in TestApp.Units.Zip(new[] { "ha-tinh", "ha-tinh", "ha-tinh", "thanh-hoa", "thanh-hoa" }))
        {
            Assert.Equal(204, (await _app.VoteFor(unit, choice)).Status);
        }

        Task<TestResponse> History(string principal, string unitId) =>
            _app.SendAsync<Year.YearFunctions>(TestRequest.Get(principal), (f, req, ct) => f.GetUnitHistory(req, unitId, ct));
        var own = await History(Principals.ReporterOf("ha-tinh"), "ha-tinh");
        var other = await History(Principals.ReporterOf("nghe-an"), "ha-tinh");
        var admin = await History(Principals.Admin, "nghe-an");

        Assert.Equal(403, other.Status);
        var year = Assert.Single(own.Json.GetProperty("years").EnumerateArray());
        var december = runs[11].GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("unitId").GetString() == "ha-tinh");
        Assert.Equal((2024, "cum6-2024", "final"), (year.GetProperty("year").GetInt32(), year.GetProperty("compactId").GetString(), year.GetProperty("status").GetString()));
        Assert.Equal(december.GetProperty("rank").GetInt32(), year.GetProperty("rank").GetInt32());
        Assert.Equal(december.GetProperty("score").GetDecimal(), year.GetProperty("score").GetDecimal());
        Assert.Equal(["Suy tôn đơn vị dẫn đầu Cụm thi đua số 6 năm 2024"], year.GetProperty("titlesWon").EnumerateArray().Select(t => t.GetString()));
        Assert.Empty(admin.Json.GetProperty("years")[0].GetProperty("titlesWon").EnumerateArray());
    }
}
