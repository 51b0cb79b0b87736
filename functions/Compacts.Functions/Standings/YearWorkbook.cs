using Compacts.Functions.Office;

namespace Compacts.Functions.Standings;

/// <summary>
/// The year's scoring table (bảng tổng hợp chấm điểm) as a workbook: the year's standings (December's run), one sheet per content
/// (named from the content's id) with each criterion's score per unit, and the units × months score matrix. Rows are produced as
/// the writer asks for them, and the file goes to a temporary file, so memory stays flat for 200 units × 100 criteria.
/// </summary>
public static class YearWorkbook
{
    /// <summary>The workbook in a temporary file (deleted when the stream is closed), positioned at its start.</summary>
    public static Stream Write(YearResult year, Compact compact, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(year);
        ArgumentNullException.ThrowIfNull(compact);
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            XlsxWriter.Write(file, OfficialHeading.Of(compact.Cluster, compact.Place, today), Sheets(year, compact));
            file.Position = 0;
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static IEnumerable<WorkbookSheet> Sheets(YearResult year, Compact compact)
    {
        var december = year.December;
        var y = december.Period.Year.ToString(CultureInfo.InvariantCulture);
        var status = december.Status == RunStatus.Final ? "chính thức" : "tạm tính";
        var subtitle = $"{compact.Title} — kết quả {status} đến tháng 12/{y}";
        var rows = december.Rows;
        yield return new WorkbookSheet(
            $"Năm {y}",
            $"BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM THI ĐUA NĂM {y}",
            subtitle,
            [.. StandingsWorkbook.ScoreColumns, new("Ghi chú", CellKind.Text, 24)],
            rows.Select(r => (IReadOnlyList<object?>)[.. StandingsWorkbook.ScoreCells(r), r.NotRanked ? "Không xếp hạng" : null]));

        foreach (var content in compact.Contents)
        {
            yield return new WorkbookSheet(
                content.Id,
                content.Title,
                $"Điểm từng tiêu chí năm {y} ({status})",
                [new("Hạng", CellKind.Count, 7), new("Đơn vị", CellKind.Text, 30), .. content.Criteria.Select(c => new SheetColumn(c.Title, CellKind.Score, 14))],
                rows.Select(r => (IReadOnlyList<object?>)
                [
                    r.Rank, r.UnitName, .. content.Criteria.Select(c => r.Criteria.TryGetValue(c.Id, out var score) ? (object?)score : null),
                ]));
        }

        var response = year.ToResponse();
        yield return new WorkbookSheet(
            "Theo tháng",
            $"ĐIỂM THI ĐUA THEO THÁNG NĂM {y}",
            "Điểm (thang 100) trong kết quả mới nhất của từng tháng; để trống: không xếp hạng hoặc chưa tính",
            [
                new("Hạng năm", CellKind.Count, 7), new("Đơn vị", CellKind.Text, 30),
                .. Enumerable.Range(1, 12).Select(m => new SheetColumn(string.Create(CultureInfo.InvariantCulture, $"T{m}"), CellKind.Score, 8)),
            ],
            response.Rows.Select(r => (IReadOnlyList<object?>)[r.Rank, r.UnitName, .. r.Months.Select(m => m is null ? null : (object?)m.Score)]));
    }
}
