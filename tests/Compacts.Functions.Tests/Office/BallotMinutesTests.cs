using Compacts.Functions.Office;

namespace Compacts.Functions.Tests.Office;

/// <summary>The minutes of a ballot's count (biên bản kiểm phiếu): 409 while open; after the close a .docx that python-docx reads
/// back equal to the ballot's result and LibreOffice converts without error.</summary>
public sealed class BallotMinutesTests : SeededAppTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("minutes-").FullName;

    [Fact]
    public async Task The_minutes_are_409_while_the_ballot_is_open_and_after_the_close_read_back_equal_to_its_result()
    {
        Assert.Equal(201, (await App.OpenBallot(Principals.Admin, BallotCalls.OpenBody(candidates: ["thanh-hoa", "ha-tinh"]))).Status);
        var open = await App.GetBallotMinutes(Principals.ReporterOf("nghe-an"));
        string[] choices = ["ha-tinh", "thanh-hoa", "ha-tinh", "thanh-hoa", "ha-tinh"];
        foreach (var (unit, choice) in TestApp.Units.Zip(choices))
        {
            Assert.Equal(204, (await App.VoteFor(unit, choice)).Status);
        }

        var minutes = await App.GetBallotMinutes(Principals.ReporterOf("nghe-an"));

        Assert.Equal(409, open.Status);
        Assert.Equal(200, minutes.Status);
        Assert.StartsWith(DocxWriter.MediaType, minutes.ContentType, StringComparison.Ordinal);
        var path = Path.Combine(_folder, "bien-ban-kiem-phieu.docx");
        await File.WriteAllBytesAsync(path, minutes.Bytes);
        var read = await OfficeReaders.ReadDocxAsync(path);
        var paragraphs = read.GetProperty("paragraphs").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Contains("BIÊN BẢN KIỂM PHIẾU", paragraphs);
        Assert.Contains(paragraphs, p => p.Contains("Số phiếu đã bỏ: 5, trong đó phiếu trắng: 0", StringComparison.Ordinal));
        Assert.Contains(paragraphs, p => p.StartsWith("Đơn vị trúng cử: Công an tỉnh ha-tinh", StringComparison.Ordinal));
        var table = read.GetProperty("tables")[1];
        Assert.Equal(["1", "Công an tỉnh ha-tinh", "3", "60,00", "Trúng cử"], table[1].EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["2", "Công an tỉnh thanh-hoa", "2", "40,00", ""], table[2].EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("Times New Roman", read.GetProperty("defaultFont").GetString());

        var (code, pdf, output) = await OfficeReaders.ConvertToPdfAsync(path);
        Assert.True(code == 0 && File.Exists(pdf), $"LibreOffice exit {code}: {output}");
        ArtifactFiles.Keep(pdf);
    }
}
