using Compacts.Functions.Office;

namespace Compacts.Functions.Tests.Office;

/// <summary>The Word writer's official layout, read back by python-docx and converted by LibreOffice (not the SDK that wrote it).</summary>
public sealed class DocxWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("docx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static OfficialDocument Sample() => new(
        "Biên bản kiểm phiếu",
        "Suy tôn đơn vị dẫn đầu Cụm thi đua số 6 năm 2024",
        [
            new DocumentBlock.Text("Hôm nay, Cụm thi đua số 6 tổ chức bỏ phiếu kín suy tôn đơn vị dẫn đầu."),
            new DocumentBlock.Heading("I. KẾT QUẢ KIỂM PHIẾU"),
            new DocumentBlock.Table(
                [new("STT", CellKind.Count, 6), new("Đơn vị", CellKind.Text, 30), new("Số phiếu", CellKind.Count, 10), new("Tỷ lệ (%)", CellKind.Score, 10)],
                [[1, "Công an tỉnh Hà Tĩnh", 4, 80m], [2, "Công an tỉnh Thanh Hóa", 1, 20m]]),
        ],
        [new("Trưởng ban kiểm phiếu"), new("Thư ký")]);

    private async Task<string> WriteAsync(string name)
    {
        var path = Path.Combine(_folder, name);
        await using (var file = File.Create(path))
        {
            DocxWriter.Write(file, OfficialHeading.Of("Cụm thi đua số 6 - Bộ Công an", "Thanh Hóa", new DateOnly(2024, 12, 5)), Sample());
        }

        return path;
    }

    [Fact]
    public async Task A_document_reads_back_with_the_national_heading_the_date_line_the_title_the_table_and_Times_New_Roman_14()
    {
        var read = await OfficeReaders.ReadDocxAsync(await WriteAsync("minutes.docx"));

        var paragraphs = read.GetProperty("paragraphs").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("Thanh Hóa, ngày 05 tháng 12 năm 2024", paragraphs);
        Assert.Contains("BIÊN BẢN KIỂM PHIẾU", paragraphs);
        Assert.Contains("I. KẾT QUẢ KIỂM PHIẾU", paragraphs);
        var tables = read.GetProperty("tables").EnumerateArray().ToList();
        var heading = tables[0].EnumerateArray().Single().EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Equal(["BỘ CÔNG AN\nCỤM THI ĐUA SỐ 6", $"{OfficialHeading.Nation}\n{OfficialHeading.Motto}"], heading);
        Assert.Equal(["1", "Công an tỉnh Hà Tĩnh", "4", "80,00"], tables[1][1].EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("TRƯỞNG BAN KIỂM PHIẾU", tables[2][0][0].GetString(), StringComparison.Ordinal);
        Assert.Equal("Times New Roman", read.GetProperty("defaultFont").GetString());
        Assert.Equal(14, read.GetProperty("defaultSize").GetDouble());
    }

    [Fact]
    public async Task LibreOffice_converts_the_document_to_pdf_without_error()
    {
        var (code, pdf, output) = await OfficeReaders.ConvertToPdfAsync(await WriteAsync("official-layout-sample.docx"));

        Assert.True(code == 0 && File.Exists(pdf) && new FileInfo(pdf).Length > 1000, $"LibreOffice exit {code}: {output}");
        ArtifactFiles.Keep(pdf);
    }
}
